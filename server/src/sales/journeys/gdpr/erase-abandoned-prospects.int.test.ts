import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedDocuments } from '../../../documents/schema.ts';
import { auditLog } from '../../../identity/schema.ts';
import type { SignedIn } from '../../../../test/support/identity-fixtures.ts';
import { abandonIdleProspects } from '../activation/abandon-idle-prospects.task.ts';
import { prospects } from '../schema.ts';
import { type JourneyHarness, startJourneyHarness } from '../test/journey-harness.ts';
import { eraseAbandonedProspects } from './erase-abandoned-prospects.task.ts';

/** Proportionate retention: the journey's `eraseAbandonedAfterDays`, applied by a daily task. */
let h: JourneyHarness;
let admin: SignedIn;
let journeyId: string;

beforeAll(async () => {
  h = await startJourneyHarness();
  admin = await h.signIn('admin@winwin.demo');
  journeyId = (await h.app.inject({ method: 'GET', url: '/api/journeys', headers: admin.headers })).json().items[0].id;
});
afterAll(() => h?.close());

const row = async (token: string) => (await h.test.runtime.db.select().from(prospects).where(eq(prospects.token, token)))[0];
const byId = async (id: string) => (await h.test.runtime.db.select().from(prospects).where(eq(prospects.id, id)))[0]!;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

async function setRetention(days: unknown) {
  const current = (await h.app.inject({ method: 'GET', url: `/api/journeys/${journeyId}`, headers: admin.headers })).json().definition;
  return h.app.inject({ method: 'PUT', url: `/api/journeys/${journeyId}/definition`, headers: admin.headers, payload: { ...current, eraseAbandonedAfterDays: days } });
}

async function abandonedProspect(name: string, idleDays: number) {
  const token = await h.start('retention-test');
  expect((await h.save(token, { first_name: name, email: `${name.toLowerCase()}@example.ch` })).statusCode).toBe(200);
  const policy = Buffer.from(`%PDF-1.7\n% police de ${name}\n`);
  const uploaded = await h.app.inject({ method: 'POST', url: `/api/public/prospects/${token}/documents?filename=police.pdf`, headers: { 'content-type': 'application/pdf' }, payload: policy });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  await h.test.runtime.db.update(prospects).set({ lastActivityAt: daysAgo(idleDays) }).where(eq(prospects.token, token));
  await abandonIdleProspects(h.test.runtime, new Date());
  const prospect = (await row(token))!;
  expect(prospect.status).toBe('abandonne');
  return { token, id: prospect.id, sha256: uploaded.json().sha256 as string };
}

describe('erasing abandoned prospects after the journey’s retention', () => {
  it('refuses a retention that is not a whole number of days, naming the field', async () => {
    const bad = await setRetention(0);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('body.eraseAbandonedAfterDays');
  });

  it('erases personal data and policies of prospects abandoned longer than the days, as the system, once', async () => {
    expect((await setRetention(30)).statusCode).toBe(200);
    const old = await abandonedProspect('Ancien', 31);
    const recent = await abandonedProspect('Recent', 10);

    expect(await eraseAbandonedProspects(h.test.runtime, new Date())).toBe(1);
    const erased = await byId(old.id);
    expect(erased).toMatchObject({ name: null, email: null, answers: {}, status: 'abandonne' });
    expect(erased.erasedAt).toBeInstanceOf(Date);
    expect((await h.app.inject({ method: 'GET', url: `/api/public/prospects/${old.token}` })).statusCode).toBe(404);
    const documents = (owner: string) => h.test.runtime.db.select().from(storedDocuments).where(and(eq(storedDocuments.ownerKind, 'prospect'), eq(storedDocuments.ownerId, owner)));
    expect(await documents(old.id)).toHaveLength(0);
    expect(await h.test.runtime.files.exists(old.sha256)).toBe(false);
    const [audit] = await h.test.runtime.db.select().from(auditLog).where(and(eq(auditLog.recordId, old.id), eq(auditLog.action, 'gdpr_erase')));
    expect(audit).toMatchObject({ actorLabel: 'system:retention' });

    // The recent one is kept whole, and a second run has nothing left to do.
    expect(await byId(recent.id)).toMatchObject({ name: 'Recent', erasedAt: null });
    expect(await documents(recent.id)).toHaveLength(1);
    expect(await eraseAbandonedProspects(h.test.runtime, new Date())).toBe(0);
  });
});
