import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { memberships, users } from '../../identity/schema.ts';

/**
 * Who hears about a company's payment incidents (seed 004: "Échec de paiement ⚠" to the owner): the workspace's
 * admins and the company's admins and accountants.
 */
export async function ownerEmails(tx: DbOrTx, workspaceId: string, companyId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        or(
          eq(memberships.role, 'workspace_admin'),
          and(inArray(memberships.role, ['company_admin', 'accounting']), or(sql`${companyId} = any(${memberships.companyIds})`, sql`cardinality(${memberships.companyIds}) = 0`)),
        ),
        isNull(users.disabledAt),
      ),
    );
  return rows.map((row) => row.email).sort();
}
