import type { ComptoirModule } from '../platform/module.ts';
import { signatureBackOfficeRoutes } from './routes/back-office.routes.ts';
import { signaturePublicRoutes } from './routes/public.routes.ts';
import { platformSeal } from './sealing/platform-certificate.ts';
import { seedSignatureDemo } from './seed/seed-signature-demo.ts';

/** Issue #7: signature requests over any PDF, evidence, certificate of completion, PAdES seal, public verification. */
export const signatureModule: ComptoirModule = {
  name: 'signature',
  routes: async (app, runtime) => {
    // The sealing certificate is loaded (or the demo one generated) at start, not on the first signer's click.
    await platformSeal(runtime.config);
    signaturePublicRoutes(app, runtime);
    signatureBackOfficeRoutes(app, runtime);
  },
  seedDemo: (runtime) => seedSignatureDemo(runtime),
};
