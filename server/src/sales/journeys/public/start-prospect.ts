import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../../identity/audit/append-audit.ts';
import { workspaces } from '../../../identity/schema.ts';
import { ProblemError } from '../../../platform/http/problem.ts';
import { recordEvent } from '../../../platform/jobs/outbox.ts';
import type { Services } from '../../../platform/services.ts';
import { anonymousCause, prospectActor } from '../prospect-store.ts';
import { journeys, prospectEvents, prospects } from '../schema.ts';

export interface StartProspectInput {
  workspaceSlug: string;
  journeySlug: string;
  source?: string | null;
  requestId: string;
}

/** A public journey's start page, before any prospect exists. */
export async function findPublicJourney(services: Services, workspaceSlug: string, journeySlug: string) {
  const [row] = await services.db
    .select({ journey: journeys })
    .from(journeys)
    .innerJoin(workspaces, eq(workspaces.id, journeys.workspaceId))
    .where(and(eq(workspaces.slug, workspaceSlug), eq(journeys.slug, journeySlug), eq(journeys.active, true)));
  if (!row) throw new ProblemError('notFound', 'Ce parcours n’existe pas ou n’est plus ouvert.');
  return row.journey;
}

/**
 * "Commencer": a prospect with an opaque token (32 random bytes) — the link that resumes the journey later, from any
 * device. The source (utm_source, a partner's link) is kept for the analytics' filters.
 */
export async function startProspect(services: Services, input: StartProspectInput, options: { offered?: boolean; actor?: { auth: Parameters<typeof appendAudit>[1]; label: string } } = {}) {
  const journey = await findPublicJourney(services, input.workspaceSlug, input.journeySlug);
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    const [prospect] = await tx
      .insert(prospects)
      .values({
        workspaceId: journey.workspaceId,
        companyId: journey.companyId,
        journeyId: journey.id,
        journeyVersion: journey.version,
        token: randomBytes(32).toString('base64url'),
        source: (input.source ?? 'web').slice(0, 60) || 'web',
        offered: options.offered ?? false,
        startedAt: now,
        lastActivityAt: now,
      })
      .returning();
    await tx.insert(prospectEvents).values({ workspaceId: journey.workspaceId, prospectId: prospect!.id, kind: 'started', toStatus: 'prospect', detail: { source: prospect!.source }, at: now });
    const label = options.actor?.label ?? prospectActor(prospect!);
    await appendAudit(tx, options.actor?.auth ?? anonymousCause(input.requestId), { action: 'create', tableName: 'sales.prospect', recordId: prospect!.id, companyId: journey.companyId, after: { journeyId: journey.id, source: prospect!.source, offered: prospect!.offered } }, { workspaceId: journey.workspaceId, actorLabel: label, now });
    await recordEvent(tx, { topic: 'sales.prospect.started', payload: { prospectId: prospect!.id }, workspaceId: journey.workspaceId, actor: label });
    return prospect!;
  });
}
