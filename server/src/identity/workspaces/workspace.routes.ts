import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { requireAuthenticated, requireWorkspaceWide } from '../access/guards.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { apiKeyScopes, defaultMfaRequiredRoles, permissions, roleLabels, rolePermissions, roles } from '../permissions.ts';
import { workspaces } from '../schema.ts';
import { publishInProcess } from '../../platform/cache/invalidation-hub.ts';

const tags = ['identity'];
const workspaceSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  country: z.string(),
  defaultCurrency: z.string(),
  settings: z.object({
    mfaRequiredRoles: z.array(z.string()),
    inactivityDays: z.number().int(),
    /** Absent: the payments module's default schedule applies. */
    dunning: z.object({ retryDays: z.array(z.number().int()), finalAction: z.enum(['suspend', 'cancel']) }).optional(),
  }),
});

/** The dunning schedule of failed renewals (issue #5): retries in days after the first failure, then the final action. */
const dunningSettings = z
  .object({
    retryDays: z.array(z.number().int().min(1).max(60)).min(1).max(10),
    finalAction: z.enum(['suspend', 'cancel']),
  })
  .refine((policy) => policy.retryDays.every((day, i) => i === 0 || day > policy.retryDays[i - 1]!), { message: 'les relances doivent être en jours croissants', path: ['retryDays'] });

export function workspaceRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/identity/roles',
    {
      schema: {
        tags,
        summary: 'The role → permission matrix',
        response: {
          200: z.object({
            roles: z.array(z.object({ role: z.string(), label: z.object({ fr: z.string(), en: z.string() }), permissions: z.array(z.string()) })),
            permissions: z.array(z.string()),
            apiKeyScopes: z.array(z.string()),
            mfaRequiredByDefault: z.array(z.string()),
          }),
        },
      },
    },
    async (request) => {
      requireAuthenticated(request.auth);
      return {
        roles: roles.map((role) => ({ role, label: roleLabels[role], permissions: [...rolePermissions[role]] })),
        permissions: [...permissions],
        apiKeyScopes: [...apiKeyScopes],
        mfaRequiredByDefault: [...defaultMfaRequiredRoles],
      };
    },
  );

  app.get(
    '/api/identity/workspace',
    { schema: { tags, summary: 'The current workspace and its settings', response: { 200: workspaceSchema } } },
    async (request) => {
      requireAuthenticated(request.auth);
      const [row] = await runtime.db.select().from(workspaces).where(eq(workspaces.id, request.auth.workspace.id));
      return row!;
    },
  );

  app.patch(
    '/api/identity/workspace',
    {
      schema: {
        tags,
        summary: 'Change the workspace’s name, security settings or dunning schedule',
        body: z
          .object({
            name: z.string().trim().min(1).max(120).optional(),
            settings: z
              .object({ mfaRequiredRoles: z.array(z.enum(roles)).optional(), inactivityDays: z.number().int().min(30).max(3650).optional(), dunning: dunningSettings.optional() })
              .strict()
              .optional(),
          })
          .strict(),
        response: { 200: workspaceSchema },
      },
    },
    async (request) => {
      const { auth } = request;
      requireWorkspaceWide(auth, 'workspace.manage');
      const updated = await runtime.db.transaction(async (tx) => {
        const [before] = await tx.select().from(workspaces).where(eq(workspaces.id, auth.workspace.id)).for('update');
        if (!before) throw new ProblemError('notFound', 'Workspace not found.');
        const settings = { ...before.settings, ...request.body.settings };
        const [after] = await tx
          .update(workspaces)
          .set({ name: request.body.name ?? before.name, settings })
          .where(eq(workspaces.id, before.id))
          .returning();
        await appendAudit(tx, auth, {
          action: 'update',
          tableName: 'identity.workspace',
          recordId: before.id,
          before: { name: before.name, settings: before.settings },
          after: { name: after!.name, settings: after!.settings },
        });
        return after!;
      });
      // Settings (e.g. the roles that must use MFA) are part of cached sessions (identity/auth/auth-cache.ts).
      publishInProcess({ kind: 'workspace', id: updated.id });
      return updated;
    },
  );
}
