import { defineHandler } from '../../platform/jobs/handlers.ts';
import { checkImport, type ImportCheck, runImport } from './import-service.ts';

export const CATALOG_IMPORT_REQUESTED = 'catalog.import.requested';

/**
 * Runs a catalog import recorded by `POST /api/catalog/imports` (outbox event `catalog.import.requested`): the check
 * pass outside any transaction with live progress (`perform`), then the atomic write pass (`handle`). Why two passes:
 * see `checkImport` in import-service.ts.
 */
export const runImportHandler = defineHandler<{ importId: string }>({
  name: 'catalog.run-import',
  topics: [CATALOG_IMPORT_REQUESTED],
  async perform({ event, services }) {
    return checkImport(services, event.payload.importId, event.requestId ?? `import:${event.payload.importId}`);
  },
  async handle({ tx, event, services, performed }) {
    await runImport(tx, services, event.payload.importId, event.requestId ?? `import:${event.payload.importId}`, performed as ImportCheck | undefined);
  },
});
