import type { ComptoirModule } from '../platform/module.ts';
import { apiKeysRoutes } from './api-keys/api-keys.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { installAuthHooks } from './auth/auth-hooks.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { mySecurityRoutes } from './auth/my-security.routes.ts';
import { companiesRoutes } from './companies/companies.routes.ts';
import { listDemoLogins, seedIdentityDemo } from './seed/seed-identity-demo.ts';
import { disableInactiveUsersTask } from './users/disable-inactive-users.ts';
import { usersRoutes } from './users/users.routes.ts';
import { workspaceRoutes } from './workspaces/workspace.routes.ts';

export const identityModule: ComptoirModule = {
  name: 'identity',
  schedules: [disableInactiveUsersTask],
  httpHooks: installAuthHooks,
  routes(app, runtime) {
    authRoutes(app, runtime);
    mySecurityRoutes(app, runtime);
    workspaceRoutes(app, runtime);
    companiesRoutes(app, runtime);
    usersRoutes(app, runtime);
    apiKeysRoutes(app, runtime);
    auditRoutes(app, runtime);
  },
  seedDemo: (runtime) => seedIdentityDemo(runtime),
  demoLogins: (runtime) => listDemoLogins(runtime),
};
