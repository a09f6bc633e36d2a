import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogDemo } from '../../../catalog/seed/seed-catalog-demo.ts';
import { queryRows } from '../../../platform/db/query-rows.ts';
import { seedDemoIdentity, type SignedIn, signIn } from '../../../../test/support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/test-runtime.ts';
import { seedJourneysDemo } from '../seed/seed-journeys-demo.ts';

/**
 * Issue #7 "Done when": the KPIs the back-office shows equal the counts computed directly from the seeded events —
 * here by plain SQL over `sales.prospect_event`, independent of the TypeScript that computes the API's answer.
 */
let test: TestRuntime;
let admin: SignedIn;
beforeAll(async () => {
  test = await startTestRuntime();
  await seedDemoIdentity(test.runtime);
  await seedCatalogDemo(test.runtime);
  await seedJourneysDemo(test.runtime);
  admin = await signIn(await test.app(), 'admin@winwin.demo');
});
afterAll(() => test?.close());

const permille = (n: number, d: number) => (d === 0 ? null : Math.floor((n * 2000 + d) / (2 * d)));

describe('journey analytics against the seeded events', () => {
  it('funnel KPIs equal SQL counts of the events of the prospects started in the period', async () => {
    const from = '2025-01-01';
    const to = new Date().toISOString().slice(0, 10);
    const app = await test.app();
    const response = await app.inject({ method: 'GET', url: `/api/journeys/analytics?from=${from}&to=${to}&granularity=month`, headers: admin.headers });
    expect(response.statusCode, response.body).toBe(200);
    const { kpis, series, revenue } = response.json();

    const [counts] = await queryRows<{ started: number; completed: number; signed: number; activated: number; signed_activated: number; abandoned: number; mean_seconds: number | null }>(
      test.runtime.db,
      sql`with cohort as (
            select p.id, p.status from sales.prospect p
            join sales.prospect_event s on s.prospect_id = p.id and s.kind = 'started'
            where s.at >= ${from}::date and s.at < ${to}::date + 1),
          ev as (select e.prospect_id, e.kind, min(e.at) as at from sales.prospect_event e join cohort c on c.id = e.prospect_id group by 1, 2)
          select (select count(*)::int from cohort) as started,
                 (select count(*)::int from ev where kind = 'questionnaire_submitted') as completed,
                 (select count(*)::int from ev where kind = 'signed') as signed,
                 (select count(*)::int from ev where kind = 'activated') as activated,
                 (select count(*)::int from ev a join ev s on s.prospect_id = a.prospect_id and s.kind = 'signed' where a.kind = 'activated') as signed_activated,
                 (select count(*)::int from cohort where status = 'abandonne') as abandoned,
                 (select round(avg(extract(epoch from a.at - s.at)))::int from ev a join ev s on s.prospect_id = a.prospect_id and s.kind = 'started' where a.kind = 'activated') as mean_seconds`,
    );
    expect(counts!.started).toBeGreaterThan(50);
    expect(kpis).toMatchObject({
      started: counts!.started,
      questionnairesCompleted: counts!.completed,
      signatures: counts!.signed,
      activations: counts!.activated,
      abandoned: counts!.abandoned,
      questionnaireCompletionPermille: permille(counts!.completed, counts!.started),
      signaturePermille: permille(counts!.signed, counts!.completed),
      paymentConversionPermille: permille(counts!.signed_activated, counts!.signed),
      abandonmentPermille: permille(counts!.abandoned, counts!.started),
    });
    expect(Math.abs(kpis.meanJourneySeconds - counts!.mean_seconds!)).toBeLessThanOrEqual(1);
    // The chart's buckets add up to the totals.
    expect(series.reduce((sum: number, point: { started: number }) => sum + point.started, 0)).toBe(counts!.started);

    const [renewals] = await queryRows<{ due: number; renewed: number }>(
      test.runtime.db,
      sql`select count(*)::int as due, count(r.id)::int as renewed from sales.prospect p
          left join sales.prospect_event r on r.prospect_id = p.id and r.kind = 'renewed'
          where p.activated_at is not null and p.status in ('client_actif', 'paiement_en_echec', 'mandat_resilie')
            and p.activated_at + interval '12 months' >= ${from}::date and p.activated_at + interval '12 months' < ${to}::date + 1
            and p.activated_at + interval '12 months' <= now() and p.price_amount is not null`,
    );
    expect(kpis.renewalsDue).toBe(renewals!.due);
    expect(kpis.renewed).toBe(renewals!.renewed);

    const [mrr] = await queryRows<{ arr: number; clients: number }>(
      test.runtime.db,
      sql`select coalesce(sum(price_amount), 0)::int as arr, count(*)::int as clients from sales.prospect
          where status in ('client_actif', 'paiement_en_echec') and activated_at <= now()`,
    );
    expect(revenue.arr).toBe(mrr!.arr);
    expect(revenue.clients).toBe(mrr!.clients);
    expect(revenue.mrr).toBe(Math.floor((mrr!.arr * 2 + 12) / 24));
  });

  it('filters by client type', async () => {
    const app = await test.app();
    const all = (await app.inject({ method: 'GET', url: '/api/journeys/analytics?from=2025-01-01&to=2030-01-01', headers: admin.headers })).json();
    const people = (await app.inject({ method: 'GET', url: '/api/journeys/analytics?from=2025-01-01&to=2030-01-01&clientType=particulier', headers: admin.headers })).json();
    const companies = (await app.inject({ method: 'GET', url: '/api/journeys/analytics?from=2025-01-01&to=2030-01-01&clientType=entreprise', headers: admin.headers })).json();
    expect(people.kpis.started + companies.kpis.started).toBe(all.kpis.started);
    expect(people.kpis.started).toBeGreaterThan(0);
    expect(companies.kpis.started).toBeGreaterThan(0);
  });
});
