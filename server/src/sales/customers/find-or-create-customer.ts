import { and, eq, sql } from 'drizzle-orm';
import type { AuthContext } from '../../identity/access/auth-context.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { customers } from '../schema.ts';

export interface CustomerInput {
  kind: 'person' | 'company';
  name: string;
  email: string;
  phone?: string | null;
  country?: string;
  language?: 'fr' | 'en';
  siren?: string | null;
  vatNumber?: string | null;
}

export type CustomerRow = typeof customers.$inferSelect;

/** One customer per selling company and email (case-insensitive): buying twice does not make two customers. */
export async function findOrCreateCustomer(
  tx: DbOrTx,
  auth: AuthContext,
  scope: { workspaceId: string; companyId: string },
  input: CustomerInput,
): Promise<CustomerRow> {
  const [existing] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.companyId, scope.companyId), sql`lower(${customers.email}) = lower(${input.email})`));
  if (existing) return existing;
  const [created] = await tx
    .insert(customers)
    .values({
      workspaceId: scope.workspaceId,
      companyId: scope.companyId,
      kind: input.kind,
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
      country: input.country ?? 'FR',
      language: input.language ?? 'fr',
      siren: input.siren ?? null,
      vatNumber: input.vatNumber ?? null,
    })
    .returning();
  await appendAudit(tx, auth, { action: 'create', tableName: 'sales.customer', recordId: created!.id, companyId: scope.companyId, after: created! }, { workspaceId: scope.workspaceId });
  return created!;
}
