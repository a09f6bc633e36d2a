import { and, eq } from 'drizzle-orm';
import type { AuthContext } from '../../identity/access/auth-context.ts';
import { appendAudit } from '../../identity/audit/append-audit.ts';
import { companies, workspaces } from '../../identity/schema.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { recordEvent } from '../../platform/jobs/outbox.ts';
import { type JourneyDefinition, stepOf } from './rules/journey-definition.ts';
import { type JourneyShape, nextProspectStatus, type ProspectEventKind } from './rules/prospect-status.ts';
import { journeys, journeyVersions, prospectEvents, prospects } from './schema.ts';

export type ProspectRow = typeof prospects.$inferSelect;
export type JourneyRow = typeof journeys.$inferSelect;

export interface LoadedProspect {
  prospect: ProspectRow;
  journey: JourneyRow;
  /** The definition version the prospect started with. */
  definition: JourneyDefinition;
  company: typeof companies.$inferSelect;
  workspaceSlug: string;
}

export function shapeOf(definition: JourneyDefinition): JourneyShape {
  return { signature: Boolean(stepOf(definition, 'signature')), payment: Boolean(stepOf(definition, 'payment')) };
}

/** A prospect by its public token (the only key of the public pages); `lock` for writers. */
export async function loadProspectByToken(db: DbOrTx, token: string, options: { lock?: boolean } = {}): Promise<LoadedProspect> {
  const query = db.select().from(prospects).where(eq(prospects.token, token));
  const [prospect] = options.lock ? await query.for('update') : await query;
  if (!prospect || prospect.erasedAt) throw new ProblemError('notFound', 'Ce lien de parcours est inconnu ou a expiré.');
  return loadContext(db, prospect);
}

export async function loadProspectById(db: DbOrTx, id: string, options: { lock?: boolean } = {}): Promise<LoadedProspect | undefined> {
  const query = db.select().from(prospects).where(eq(prospects.id, id));
  const [prospect] = options.lock ? await query.for('update') : await query;
  return prospect ? loadContext(db, prospect) : undefined;
}

async function loadContext(db: DbOrTx, prospect: ProspectRow): Promise<LoadedProspect> {
  const [row] = await db
    .select({ journey: journeys, version: journeyVersions, company: companies, workspaceSlug: workspaces.slug })
    .from(journeys)
    .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, prospect.journeyVersion)))
    .innerJoin(companies, eq(companies.id, journeys.companyId))
    .innerJoin(workspaces, eq(workspaces.id, journeys.workspaceId))
    .where(eq(journeys.id, prospect.journeyId));
  return { prospect, journey: row!.journey, definition: row!.version.definition, company: row!.company, workspaceSlug: row!.workspaceSlug };
}

const TIMESTAMP_OF: Partial<Record<ProspectEventKind, keyof ProspectRow>> = {
  questionnaire_submitted: 'questionnaireCompletedAt',
  signed: 'signedAt',
  activated: 'activatedAt',
  abandoned: 'abandonedAt',
  cancelled: 'endedAt',
};

export interface TransitionCause {
  auth: AuthContext;
  actorLabel: string;
  now: Date;
  detail?: Record<string, unknown>;
  /** Extra columns written with the transition (the mandate number with `activated`, …). */
  set?: Partial<typeof prospects.$inferInsert>;
}

/**
 * Moves a locked prospect by one event of `rules/prospect-status.ts`: the status, the step's timestamp, an event row
 * (the analytics' fact), the audit entry and the outbox event `sales.prospect.<event>`. Refused transitions are 409s.
 */
export async function applyProspectEvent(tx: DbOrTx, loaded: LoadedProspect, event: ProspectEventKind, cause: TransitionCause): Promise<ProspectRow> {
  const { prospect } = loaded;
  const result = nextProspectStatus(prospect.status, event, shapeOf(loaded.definition), prospect);
  if (!result.ok) throw new ProblemError('conflict', result.reason, { code: `prospect_${event}_refused`, status: prospect.status });
  const stamp = TIMESTAMP_OF[event];
  // System events (abandonment, renewals) are not the prospect's activity: the idle clock is theirs.
  const byProspect = cause.actorLabel.startsWith('prospect:');
  const values: Partial<typeof prospects.$inferInsert> = { ...cause.set, status: result.to, updatedAt: cause.now, ...(byProspect ? { lastActivityAt: cause.now } : {}) };
  if (stamp) (values as Record<string, unknown>)[stamp] = cause.now;
  if (event === 'resumed') values.abandonedAt = null;
  const [after] = await tx.update(prospects).set(values).where(eq(prospects.id, prospect.id)).returning();
  await tx.insert(prospectEvents).values({ workspaceId: prospect.workspaceId, prospectId: prospect.id, kind: event, fromStatus: prospect.status, toStatus: result.to, detail: cause.detail ?? null, at: cause.now });
  await appendAudit(
    tx,
    cause.auth,
    { action: event, tableName: 'sales.prospect', recordId: prospect.id, companyId: prospect.companyId, before: { status: prospect.status }, after: { status: result.to, ...cause.set } },
    { workspaceId: prospect.workspaceId, actorLabel: cause.actorLabel, now: cause.now },
  );
  await recordEvent(tx, { topic: `sales.prospect.${event}`, payload: { prospectId: prospect.id, from: prospect.status, to: result.to }, workspaceId: prospect.workspaceId, actor: cause.actorLabel });
  loaded.prospect = after!;
  return after!;
}

/** A step that is not a status change (answers saved, document uploaded, payment started): an event row, no audit noise. */
export async function recordProspectActivity(tx: DbOrTx, prospect: ProspectRow, kind: string, now: Date, detail?: Record<string, unknown>): Promise<void> {
  await tx.update(prospects).set({ lastActivityAt: now, updatedAt: now }).where(eq(prospects.id, prospect.id));
  await tx.insert(prospectEvents).values({ workspaceId: prospect.workspaceId, prospectId: prospect.id, kind, detail: detail ?? null, at: now });
}

/** The prospect's label in audit and outbox (never their e-mail: logs outlive GDPR erasure). */
export function prospectActor(prospect: Pick<ProspectRow, 'id'>): string {
  return `prospect:${prospect.id}`;
}

export const anonymousCause = (requestId: string): AuthContext => ({ kind: 'anonymous', requestId });
