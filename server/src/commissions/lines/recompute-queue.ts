import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/query-rows.ts';
import type { TableQueue } from '../../platform/jobs/table-queue.ts';
import type { Services } from '../../platform/services.ts';
import { recomputeCommissions } from './recompute-commissions.ts';

export const COMMISSIONS_RECOMPUTE_CHANNEL = 'comptoir_commissions_recompute';

/** Asks for a product's lines to be recomputed once the caller's transaction commits (its facts are then visible). */
export async function requestRecompute(tx: DbOrTx, workspaceId: string, productId: string): Promise<void> {
  await tx.execute(sql`
    with requested as (
      insert into commissions.recompute_request (product_id, workspace_id) values (${productId}, ${workspaceId})
      on conflict (product_id) do update set version = commissions.recompute_request.version + 1, requested_at = now()
      returning product_id)
    select pg_notify(${COMMISSIONS_RECOMPUTE_CHANNEL}, '') from requested`);
}

/**
 * Serves one request: the row is claimed (SKIP LOCKED, so products are recomputed in parallel by several workers but
 * each by one), the product recomputed from everything committed so far, and the request removed unless it was
 * asked again meanwhile (its version moved: the facts behind that request may have come after this run read them).
 */
export async function serveRecomputeRequest(services: Services): Promise<number> {
  return services.db.transaction(async (tx) => {
    const [request] = await queryRows<{ product_id: string; version: number }>(
      tx,
      sql`select product_id, version::int as version from commissions.recompute_request order by requested_at limit 1 for update skip locked`,
    );
    if (!request) return 0;
    await recomputeCommissions(tx, services.clock, request.product_id);
    await tx.execute(sql`delete from commissions.recompute_request where product_id = ${request.product_id} and version = ${request.version}`);
    return 1;
  });
}

/** Background work: it waits while the webhook inbox is busy (see JobSystem), then catches up in a few runs. */
export const commissionsRecomputeQueue: TableQueue = {
  name: 'commissions.recompute-requests',
  channel: COMMISSIONS_RECOMPUTE_CHANNEL,
  background: true,
  concurrency: (services) => (services.database.pglite ? 1 : 2),
  drainOnce: serveRecomputeRequest,
};
