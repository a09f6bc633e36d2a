import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../platform/db/database.ts';
import { violatesConstraint } from '../../platform/db/pg-error.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import type { AuthenticatedContext } from '../../identity/access/auth-context.ts';
import { outOfScope, requirePermission } from '../../identity/access/guards.ts';
import { inCompanyScope } from '../../identity/access/scope.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies } from '../../identity/schema.ts';
import { partnerCredentials, partners, risks } from '../schema.ts';

export const partnerInputSchema = z.object({
  companyId: z.uuid(),
  type: z.enum(['insurer', 'energy', 'telecom', 'ott', 'marketplace', 'other']),
  name: z.string().trim().min(1).max(160),
  legalName: z.string().trim().max(160).nullable().optional(),
  siren: z.string().regex(/^\d{9}$/).nullable().optional(),
  ibanMasked: z.string().max(40).nullable().optional(),
  bic: z.string().max(20).nullable().optional(),
  paymentTerms: z.string().max(60).nullable().optional(),
  status: z.enum(['active', 'inactive', 'test']).default('active'),
});

export const credentialInputSchema = z.object({
  env: z.enum(['sandbox', 'production']),
  authType: z.enum(['api_key', 'oauth2', 'basic']),
  /** Secret values (api key, client secret, password…): sealed at rest, never returned. */
  credentials: z.record(z.string(), z.string().max(4000)),
  validTo: z.coerce.date().nullable().optional(),
});

export const riskInputSchema = z.object({
  companyId: z.uuid(),
  code: z.string().trim().min(1).max(60).regex(/^[A-Z0-9_-]+$/),
  label: z.string().trim().min(1).max(120),
  icon: z.string().max(120).nullable().optional(),
  scope: z.enum(['personal', 'professional']).default('personal'),
  isGlobal: z.boolean().default(false),
});

const partnerColumns = { workspaceId: partners.workspaceId, companyId: partners.companyId };
const riskColumns = { workspaceId: risks.workspaceId, companyId: risks.companyId };

async function assertCompany(tx: DbOrTx, auth: AuthenticatedContext, companyId: string) {
  const [company] = await tx.select({ id: companies.id }).from(companies).where(and(eq(companies.id, companyId), eq(companies.workspaceId, auth.workspace.id)));
  if (!company) throw new ProblemError('validation', 'Société inconnue.', { errors: [{ field: 'body.companyId', message: 'société inconnue' }] });
}

export async function listPartners(db: DbOrTx, auth: AuthenticatedContext) {
  requirePermission(auth, 'catalog.read');
  const rows = await db.select().from(partners).where(inCompanyScope(partnerColumns, auth, 'catalog.read')).orderBy(asc(partners.name));
  const credentialRows = rows.length ? await db.select({ partnerId: partnerCredentials.partnerId, env: partnerCredentials.env, authType: partnerCredentials.authType, validTo: partnerCredentials.validTo, rotatedAt: partnerCredentials.rotatedAt }).from(partnerCredentials).where(eq(partnerCredentials.workspaceId, auth.workspace.id)) : [];
  return rows.map((row) => ({ ...row, credentials: credentialRows.filter((c) => c.partnerId === row.id) }));
}

export async function createPartner(services: Services, auth: AuthenticatedContext, input: z.infer<typeof partnerInputSchema>) {
  requirePermission(auth, 'catalog.write', input.companyId);
  try {
    return await services.db.transaction(async (tx) => {
      await assertCompany(tx, auth, input.companyId);
      const [row] = await tx.insert(partners).values({ ...input, workspaceId: auth.workspace.id }).returning();
      await appendAudit(tx, auth, { action: 'create', tableName: 'catalog.partner', recordId: row!.id, companyId: row!.companyId, after: row! });
      return row!;
    });
  } catch (error) {
    if (violatesConstraint(error, 'partner_company_name_key')) throw new ProblemError('conflict', 'Un partenaire de cette société porte déjà ce nom.', { errors: [{ field: 'body.name', message: 'déjà utilisé' }] });
    throw error;
  }
}

/**
 * Stores (or rotates) a partner's credentials for one environment, sealed with the
 * platform key; the audit records that they changed, never their values.
 */
export async function setPartnerCredentials(services: Services, auth: AuthenticatedContext, partnerId: string, input: z.infer<typeof credentialInputSchema>) {
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    const [partner] = await tx.select().from(partners).where(and(eq(partners.id, partnerId), inCompanyScope(partnerColumns, auth, 'catalog.read')));
    if (!partner) throw outOfScope('Partner');
    requirePermission(auth, 'catalog.write', partner.companyId);
    const sealed = services.secrets.seal(JSON.stringify(input.credentials), `partner:${partnerId}:${input.env}`);
    const [existing] = await tx.select({ id: partnerCredentials.id }).from(partnerCredentials).where(and(eq(partnerCredentials.partnerId, partnerId), eq(partnerCredentials.env, input.env)));
    const actor = auth.kind === 'user' ? auth.user.id : null;
    if (existing) {
      await tx.update(partnerCredentials).set({ authType: input.authType, sealedCredentials: sealed, validTo: input.validTo ?? null, rotatedBy: actor, rotatedAt: now }).where(eq(partnerCredentials.id, existing.id));
    } else {
      await tx.insert(partnerCredentials).values({ workspaceId: auth.workspace.id, partnerId, env: input.env, authType: input.authType, sealedCredentials: sealed, validFrom: now, validTo: input.validTo ?? null });
    }
    await appendAudit(tx, auth, { action: existing ? 'rotate-credentials' : 'set-credentials', tableName: 'catalog.partner_credential', recordId: partnerId, companyId: partner.companyId, after: { env: input.env, authType: input.authType, keys: Object.keys(input.credentials) } });
  });
}

/** For the partner connector (a later issue): the credentials, opened. */
export async function openPartnerCredentials(services: Services, partnerId: string, env: 'sandbox' | 'production'): Promise<Record<string, string> | undefined> {
  const [row] = await services.db.select().from(partnerCredentials).where(and(eq(partnerCredentials.partnerId, partnerId), eq(partnerCredentials.env, env)));
  return row ? (JSON.parse(services.secrets.open(row.sealedCredentials, `partner:${partnerId}:${env}`)) as Record<string, string>) : undefined;
}

export async function listRisks(db: DbOrTx, auth: AuthenticatedContext) {
  requirePermission(auth, 'catalog.read');
  return db.select().from(risks).where(inCompanyScope(riskColumns, auth, 'catalog.read')).orderBy(asc(risks.label));
}

export async function createRisk(services: Services, auth: AuthenticatedContext, input: z.infer<typeof riskInputSchema>) {
  requirePermission(auth, 'catalog.write', input.companyId);
  try {
    return await services.db.transaction(async (tx) => {
      await assertCompany(tx, auth, input.companyId);
      const [row] = await tx.insert(risks).values({ ...input, workspaceId: auth.workspace.id }).returning();
      await appendAudit(tx, auth, { action: 'create', tableName: 'catalog.risk', recordId: row!.id, companyId: row!.companyId, after: row! });
      return row!;
    });
  } catch (error) {
    if (violatesConstraint(error, 'risk_company_code_key')) throw new ProblemError('conflict', 'Ce code de risque existe déjà pour cette société.', { errors: [{ field: 'body.code', message: 'déjà utilisé' }] });
    throw error;
  }
}
