import { deliverMailHandler } from './mail/deliver-mail.handler.ts';
import type { ComptoirModule } from './module.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { jobsRoutes } from './routes/jobs.routes.ts';
import { mailRoutes } from './routes/mail.routes.ts';

export const platformModule: ComptoirModule = {
  name: 'platform',
  handlers: [deliverMailHandler],
  routes(app, runtime) {
    healthRoutes(app, runtime);
    mailRoutes(app, runtime);
    jobsRoutes(app, runtime);
  },
};
