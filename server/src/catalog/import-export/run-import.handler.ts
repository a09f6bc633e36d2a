import { defineHandler } from '../../platform/jobs/handlers.ts';
import { runImport } from './import-service.ts';

export const CATALOG_IMPORT_REQUESTED = 'catalog.import.requested';

/** Runs a catalog import recorded by `POST /api/catalog/imports` (outbox event `catalog.import.requested`). */
export const runImportHandler = defineHandler<{ importId: string }>({
  name: 'catalog.run-import',
  topics: [CATALOG_IMPORT_REQUESTED],
  async handle({ tx, event, services }) {
    await runImport(tx, services, event.payload.importId, event.requestId ?? `import:${event.payload.importId}`);
  },
});
