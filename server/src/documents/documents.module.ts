import type { ComptoirModule } from '../platform/module.ts';
import { extractPolicyHandler } from './extraction/extract-policy.handler.ts';
import { documentsRoutes } from './routes/documents.routes.ts';
import { seedDocumentsDemo } from './seed/seed-documents-demo.ts';

/** Issue #7: uploaded files (insurance policies) stored by SHA-256, read by a job (text layer or OCR), confirmed by a person; the recommendation rules. */
export const documentsModule: ComptoirModule = {
  name: 'documents',
  handlers: [extractPolicyHandler],
  routes(app, runtime) {
    documentsRoutes(app, runtime);
  },
  seedDemo: (runtime) => seedDocumentsDemo(runtime),
};
