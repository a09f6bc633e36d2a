import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../platform/db/database.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import type { AuthenticatedContext } from '../access/auth-context.ts';
import { outOfScope, requirePermission, requireWorkspaceWide } from '../access/guards.ts';
import { inCompanyScope } from '../access/scope.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { companies } from '../schema.ts';
import {
  type CreateCompanyInput,
  type companySchema,
  normaliseIdentifiers,
  type UpdateCompanyInput,
  validateMergedIdentifiers,
} from './company-input.ts';

type CompanyRow = typeof companies.$inferSelect;
export type CompanyView = z.infer<typeof companySchema>;

export function toCompanyView(row: CompanyRow): CompanyView {
  return {
    ...row,
    country: row.country as 'FR' | 'CH',
    currency: row.currency as 'EUR' | 'CHF',
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function auditable(row: CompanyRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

/** The companies the actor may read, by brand name. */
export async function listCompanies(db: DbOrTx, auth: AuthenticatedContext): Promise<CompanyView[]> {
  requirePermission(auth, 'companies.read');
  const rows = await db.select().from(companies).where(inCompanyScope({ workspaceId: companies.workspaceId, companyId: companies.id }, auth, 'companies.read')).orderBy(asc(companies.brandName));
  return rows.map(toCompanyView);
}

export async function getCompany(db: DbOrTx, auth: AuthenticatedContext, companyId: string): Promise<CompanyView> {
  requirePermission(auth, 'companies.read');
  const [row] = await db
    .select()
    .from(companies)
    .where(and(eq(companies.id, companyId), inCompanyScope({ workspaceId: companies.workspaceId, companyId: companies.id }, auth, 'companies.read')));
  if (!row) throw outOfScope('Company');
  return toCompanyView(row);
}

/** Creating a legal entity is a workspace-level act. */
export async function createCompany(services: Services, auth: AuthenticatedContext, input: CreateCompanyInput): Promise<CompanyView> {
  requireWorkspaceWide(auth, 'companies.manage');
  const values = normaliseIdentifiers(input);
  return services.db.transaction(async (tx) => {
    await assertUnique(tx, auth.workspace.id, values.legalName, values.siren ?? null);
    const [row] = await tx.insert(companies).values({ ...values, workspaceId: auth.workspace.id }).returning();
    await appendAudit(tx, auth, { action: 'create', tableName: 'identity.company', recordId: row!.id, companyId: row!.id, after: auditable(row!) });
    return toCompanyView(row!);
  });
}

export async function updateCompany(services: Services, auth: AuthenticatedContext, companyId: string, patch: UpdateCompanyInput): Promise<CompanyView> {
  return services.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(companies)
      .where(and(eq(companies.id, companyId), inCompanyScope({ workspaceId: companies.workspaceId, companyId: companies.id }, auth, 'companies.read')))
      .for('update');
    if (!before) throw outOfScope('Company');
    requirePermission(auth, 'companies.manage', companyId);
    const merged = { siren: before.siren, siret: before.siret, vatNumber: before.vatNumber, country: before.country as 'FR' | 'CH', ...patch };
    const issues = validateMergedIdentifiers({
      siren: merged.siren ?? null,
      siret: merged.siret ?? null,
      vatNumber: merged.vatNumber ?? null,
      country: merged.country,
    });
    if (issues.length > 0) {
      throw new ProblemError('validation', issues.map((i) => i.message).join(' ; '), {
        errors: issues.map((i) => ({ field: `body.${i.path.join('.')}`, message: i.message })),
      });
    }
    const values = normaliseIdentifiers({ ...patch, country: merged.country });
    if (values.legalName || values.siren) await assertUnique(tx, auth.workspace.id, values.legalName ?? before.legalName, values.siren ?? before.siren, companyId);
    const [after] = await tx.update(companies).set({ ...values, updatedAt: services.clock.now() }).where(eq(companies.id, companyId)).returning();
    await appendAudit(tx, auth, {
      action: 'update',
      tableName: 'identity.company',
      recordId: companyId,
      companyId,
      before: auditable(before),
      after: auditable(after!),
    });
    return toCompanyView(after!);
  });
}

async function assertUnique(tx: DbOrTx, workspaceId: string, legalName: string, siren: string | null, exceptId?: string): Promise<void> {
  const sameName = await tx.select({ id: companies.id }).from(companies).where(and(eq(companies.workspaceId, workspaceId), eq(companies.legalName, legalName)));
  if (sameName.some((row) => row.id !== exceptId)) {
    throw new ProblemError('conflict', 'Une société de cet espace porte déjà cette raison sociale.', { errors: [{ field: 'body.legalName', message: 'déjà utilisée' }] });
  }
  if (siren) {
    const sameSiren = await tx.select({ id: companies.id }).from(companies).where(and(eq(companies.workspaceId, workspaceId), eq(companies.siren, siren)));
    if (sameSiren.some((row) => row.id !== exceptId)) {
      throw new ProblemError('conflict', 'Une société de cet espace a déjà ce SIREN.', { errors: [{ field: 'body.siren', message: 'déjà utilisé' }] });
    }
  }
}
