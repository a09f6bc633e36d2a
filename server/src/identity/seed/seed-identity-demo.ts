import { eq } from 'drizzle-orm';
import type { DemoSeedReport } from '../../platform/module.ts';
import type { Services } from '../../platform/services.ts';
import type { AuthContext } from '../access/auth-context.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import { defaultMfaRequiredRoles, roleLabels } from '../permissions.ts';
import { companies, memberships, users, workspaces } from '../schema.ts';
import { DEMO_PASSWORD, demoEmail, demoWorkspaces } from './demo-data.ts';

/** Creates the demo workspaces, companies and one user per persona; skips what exists. */
export async function seedIdentityDemo(services: Services): Promise<DemoSeedReport> {
  const report: DemoSeedReport = { lines: [], logins: [] };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seeder: AuthContext = { kind: 'anonymous', requestId: 'seed-demo' };
  for (const demo of demoWorkspaces) {
    const [existing] = await services.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, demo.slug));
    if (existing) {
      report.lines.push(`workspace ${demo.slug} already exists`);
      continue;
    }
    await services.db.transaction(async (tx) => {
      const [workspace] = await tx
        .insert(workspaces)
        .values({
          slug: demo.slug,
          name: demo.name,
          country: demo.country,
          defaultCurrency: demo.currency,
          settings: { mfaRequiredRoles: defaultMfaRequiredRoles, inactivityDays: 90 },
        })
        .returning();
      const audit = (entry: Parameters<typeof appendAudit>[2]) =>
        appendAudit(tx, seeder, entry, { workspaceId: workspace!.id, actorLabel: 'system:seed-demo' });
      await audit({ action: 'create', tableName: 'identity.workspace', recordId: workspace!.id, after: { slug: demo.slug, name: demo.name } });
      const companyIds = new Map<string, string>();
      for (const company of demo.companies) {
        const [row] = await tx
          .insert(companies)
          .values({
            workspaceId: workspace!.id,
            legalName: company.legalName,
            brandName: company.brandName,
            siren: company.siren ?? null,
            siret: company.siret ?? null,
            vatNumber: company.vatNumber ?? null,
            country: company.country,
            currency: company.currency,
            timeZone: company.timeZone,
            addresses: [{ kind: 'head_office', ...company.address }],
            brandTheme: { primaryColor: company.primaryColor },
          })
          .returning();
        companyIds.set(company.key, row!.id);
        await audit({ action: 'create', tableName: 'identity.company', recordId: row!.id, companyId: row!.id, after: { legalName: company.legalName } });
      }
      for (const person of demo.users) {
        const email = demoEmail(person.persona, demo.slug);
        const [user] = await tx
          .insert(users)
          .values({ email, displayName: person.displayName, passwordHash, emailVerifiedAt: new Date(), isDemo: true })
          .returning();
        const scoped = person.companies.map((key) => companyIds.get(key)!);
        await tx.insert(memberships).values({ workspaceId: workspace!.id, userId: user!.id, role: person.role, companyIds: scoped });
        await audit({ action: 'create', tableName: 'identity.user', recordId: user!.id, after: { email, role: person.role, companyIds: scoped } });
        const scope = person.companies.length ? person.companies.map((key) => demo.companies.find((c) => c.key === key)!.brandName).join(', ') : 'tout l’espace';
        report.logins!.push({ workspace: demo.slug, email, password: DEMO_PASSWORD, role: `${roleLabels[person.role].fr} — ${scope}` });
      }
      report.lines.push(`workspace ${demo.slug}: ${demo.companies.length} companies, ${demo.users.length} users`);
    });
  }
  return report;
}

/** The demo accounts present in this database, in seed order, for the start-up banner. */
export async function listDemoLogins(services: Services): Promise<NonNullable<DemoSeedReport['logins']>> {
  const rows = await services.db
    .select({ email: users.email, role: memberships.role, slug: workspaces.slug, disabledAt: users.disabledAt })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(users.isDemo, true));
  const order = demoWorkspaces.flatMap((w) => w.users.map((u) => demoEmail(u.persona, w.slug)));
  return rows
    .filter((row) => !row.disabledAt)
    .sort((a, b) => order.indexOf(a.email) - order.indexOf(b.email))
    .map((row) => ({ workspace: row.slug, email: row.email, password: DEMO_PASSWORD, role: roleLabels[row.role as keyof typeof roleLabels]?.fr ?? row.role }));
}
