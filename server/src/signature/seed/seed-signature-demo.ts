import { and, eq } from 'drizzle-orm';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { companies, users, workspaces } from '../../identity/schema.ts';
import type { DemoSeedReport } from '../../platform/module.ts';
import type { Services } from '../../platform/services.ts';
import type { WinWinMandateData } from '../../documents/templates/winwin-mandate.ts';
import { createSignatureRequest } from '../create-signature-request.ts';
import { signatureRequests } from '../schema.ts';

/** One WIN WIN mandate waiting for its signature, with the link the prospect would receive. */
export async function seedSignatureDemo(services: Services): Promise<DemoSeedReport> {
  const [workspace] = await services.db.select().from(workspaces).where(eq(workspaces.slug, 'winwin'));
  const [user] = await services.db.select().from(users).where(and(eq(users.email, 'admin@winwin.demo')));
  if (!workspace || !user) return { lines: [] };
  const [already] = await services.db.select({ id: signatureRequests.id }).from(signatureRequests).where(eq(signatureRequests.workspaceId, workspace.id)).limit(1);
  if (already) return { lines: [] };
  const [company] = await services.db.select().from(companies).where(eq(companies.workspaceId, workspace.id)).limit(1);
  const auth: AuthenticatedContext = {
    kind: 'user',
    requestId: 'seed-demo',
    workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name, settings: workspace.settings },
    user: { id: user.id, email: user.email, displayName: user.displayName, language: 'fr', isDemo: true },
    grants: [{ role: 'workspace_admin', companyIds: [] }],
    session: { id: 'seed-demo', csrfToken: '', mfaEnrollmentRequired: false, viaBearer: true },
  };
  const data: WinWinMandateData = {
    reference: 'DEMO-001',
    client: { kind: 'particulier', name: 'Léa Muller', email: 'lea.muller@example.ch', phone: '079 123 45 67', address: 'Rue du Marché 4, 2900 Porrentruy', age: 30 },
    annualPrice: 18_500,
    startDate: services.clock.now().toISOString().slice(0, 10),
  };
  const created = await services.db.transaction((tx) =>
    createSignatureRequest(
      tx,
      services,
      { workspaceId: workspace.id, companyId: company?.id ?? null, subject: { kind: 'demo', id: 'winwin-mandate-demo' }, title: 'Mandat de gestion — Léa Muller', document: { template: 'winwin-mandate', data }, signer: { name: 'Léa Muller', email: 'lea.muller@example.ch' }, verification: 'email_link' },
      auth,
    ),
  );
  return { lines: [`Mandat WIN WIN à signer (winwin) : ${created.signUrl}`] };
}
