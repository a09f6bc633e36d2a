import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { dateInZone } from '../../../catalog/pricing/zoned-date.ts';
import { products } from '../../../catalog/schema.ts';
import { companies, workspaces } from '../../../identity/schema.ts';
import { nextNumber } from '../../../platform/db/next-number.ts';
import type { DemoSeedReport } from '../../../platform/module.ts';
import type { Services } from '../../../platform/services.ts';
import { formatMandateNumber } from '../rules/mandate-number.ts';
import { type JourneyDefinition, questionnaireOf, stepOf } from '../rules/journey-definition.ts';
import type { ProspectStatus } from '../rules/prospect-status.ts';
import { priceProspect } from '../public/price-prospect.ts';
import { journeys, journeyVersions, prospectEvents, prospects } from '../schema.ts';
import { WINWIN_JOURNEY } from './winwin-journey.ts';

export const WINWIN_JOURNEY_SLUG = 'mandat-de-gestion';

/** Deterministic pseudo-random numbers (mulberry32): the same demo history on every machine. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST = ['Léa', 'Noah', 'Emma', 'Luca', 'Chloé', 'Gabriel', 'Zoé', 'Samuel', 'Mia', 'Julien', 'Lina', 'Nathan'];
const LAST = ['Muller', 'Meier', 'Froidevaux', 'Girardin', 'Chappuis', 'Rossel', 'Crevoisier', 'Theurillat', 'Varin', 'Beuret'];
const SOURCES = ['web', 'web', 'web', 'parrainage', 'partenaire', 'salon'];

/**
 * WIN WIN's journey on its mandate product, and a year and a quarter of history (deterministic) so the funnel, the
 * revenue views and the KPI test have facts: every prospect's transitions are event rows, as a live journey writes them.
 */
export async function seedJourneysDemo(services: Services): Promise<DemoSeedReport> {
  const [row] = await services.db
    .select({ workspace: workspaces, company: companies, product: products })
    .from(workspaces)
    .innerJoin(companies, eq(companies.workspaceId, workspaces.id))
    .innerJoin(products, and(eq(products.companyId, companies.id), eq(products.sku, 'WW-MANDAT-GESTION')))
    .where(eq(workspaces.slug, 'winwin'));
  if (!row) return { lines: [] };
  const [existing] = await services.db.select().from(journeys).where(eq(journeys.workspaceId, row.workspace.id));
  if (existing) return { lines: [] };
  const journey = await services.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(journeys)
      .values({ workspaceId: row.workspace.id, companyId: row.company.id, productId: row.product.id, slug: WINWIN_JOURNEY_SLUG, name: 'Mandat de gestion WIN WIN', definition: WINWIN_JOURNEY })
      .returning();
    await tx.insert(journeyVersions).values({ journeyId: created!.id, version: 1, definition: WINWIN_JOURNEY, createdBy: 'system:seed-demo' });
    return created!;
  });
  const count = await seedHistory(services, journey, WINWIN_JOURNEY, row.company);
  const start = `${services.config.publicUrl}/parcours/winwin/${WINWIN_JOURNEY_SLUG}`;
  return { lines: [`Parcours WIN WIN (questionnaire → signature → paiement → activation) : ${start}`, `Historique de démonstration : ${count} prospects`] };
}

async function seedHistory(services: Services, journey: typeof journeys.$inferSelect, definition: JourneyDefinition, company: typeof companies.$inferSelect): Promise<number> {
  const next = random(20_251_115);
  const now = services.clock.now();
  const activation = stepOf(definition, 'activation')!;
  const total = 90;
  // Oldest first, so mandate numbers follow activation order as they would live.
  const starts = Array.from({ length: total }, () => now.getTime() - Math.floor(next() * 450 + 1) * 86_400_000 - Math.floor(next() * 36_000_000)).sort((a, b) => a - b);
  for (let i = 0; i < total; i++) {
    const startedAt = new Date(starts[i]!);
    const isCompany = next() < 0.25;
    const first = FIRST[Math.floor(next() * FIRST.length)]!;
    const last = LAST[Math.floor(next() * LAST.length)]!;
    const age = 16 + Math.floor(next() * 50);
    const birth = `${Number(dateInZone(startedAt, company.timeZone).slice(0, 4)) - age - 1}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`;
    const answers: Record<string, unknown> = {
      client_type: isCompany ? 'entreprise' : 'particulier',
      first_name: first,
      last_name: last,
      email: `${first}.${last}.${i}@example.ch`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
      phone: '+41 32 000 00 00',
      address: 'Rue de la Gare 1',
      postcode: '2900',
      city: 'Porrentruy',
      coverages: ['rc_privee', 'menage'],
      priorities: ['prix'],
      ...(isCompany ? { company_name: `${last} Sàrl`, employees: Math.floor(next() * 40) } : { birth_date: birth }),
    };
    const offered = next() < 0.05;
    // How far this prospect went: completion ~78 %, signature ~85 %, payment ~92 % (close to seed 004's goals).
    const completed = next() < 0.78;
    const signed = completed && next() < 0.85;
    const activated = signed && next() < 0.92;
    const minutes = (n: number) => new Date(startedAt.getTime() + n * 60_000);
    const completedAt = completed ? minutes(8 + Math.floor(next() * 12)) : null;
    const signedAt = signed ? minutes(22 + Math.floor(next() * 6)) : null;
    const activatedAt = activated ? minutes(26 + Math.floor(next() * 12)) : null;
    const cancelled = activated && next() < 0.06;
    const idleDays = (now.getTime() - startedAt.getTime()) / 86_400_000;
    let status: ProspectStatus = activated ? (cancelled ? 'mandat_resilie' : 'client_actif') : signed ? 'en_paiement' : completed ? 'en_signature' : 'prospect';
    const abandoned = !activated && idleDays * 24 > definition.abandonAfterHours;
    if (abandoned) status = 'abandonne';
    // Priced at today's grid (the demo catalog's version starts this year); the age is the one on that day.
    const quote = completed ? await priceProspect(services, journey, definition, answers, { today: dateInZone(now, company.timeZone), offered }) : null;
    await services.db.transaction(async (tx) => {
      const year = activatedAt ? Number(dateInZone(activatedAt, company.timeZone).slice(0, 4)) : 0;
      const mandateNumber = activatedAt ? formatMandateNumber(activation.numberFormat, year, await nextNumber(tx, { scopeId: company.id, kind: `mandate:${journey.id}`, year }), activation.seqDigits) : null;
      const endedAt = cancelled ? new Date(Math.min(now.getTime() - 3_600_000, activatedAt!.getTime() + Math.floor(next() * 200 + 1) * 86_400_000)) : null;
      const lastActivityAt = activatedAt ?? signedAt ?? completedAt ?? minutes(3);
      const [p] = await tx
        .insert(prospects)
        .values({
          workspaceId: journey.workspaceId,
          companyId: journey.companyId,
          journeyId: journey.id,
          journeyVersion: 1,
          token: randomBytes(32).toString('base64url'),
          status,
          source: SOURCES[Math.floor(next() * SOURCES.length)]!,
          offered,
          clientType: answers.client_type as 'particulier' | 'entreprise',
          name: `${first} ${last}`,
          email: answers.email as string,
          phone: answers.phone as string,
          answers,
          consentVersion: completedAt ? questionnaireOf(definition).consent.version : null,
          consentText: completedAt ? questionnaireOf(definition).consent.text : null,
          consentedAt: completedAt,
          quote: quote as unknown as Record<string, unknown>,
          priceAmount: quote?.total_incl_tax ?? null,
          currency: quote ? (quote.currency as 'CHF') : null,
          mandateNumber,
          startedAt,
          questionnaireCompletedAt: completedAt,
          signedAt,
          paidAt: activatedAt,
          activatedAt,
          abandonedAt: abandoned ? new Date(lastActivityAt.getTime() + definition.abandonAfterHours * 3_600_000) : null,
          endedAt,
          lastActivityAt,
        })
        .returning();
      const events: (typeof prospectEvents.$inferInsert)[] = [{ workspaceId: p!.workspaceId, prospectId: p!.id, kind: 'started', toStatus: 'prospect', at: startedAt }];
      if (completedAt) events.push({ workspaceId: p!.workspaceId, prospectId: p!.id, kind: 'questionnaire_submitted', fromStatus: 'prospect', toStatus: 'en_signature', at: completedAt });
      if (signedAt) events.push({ workspaceId: p!.workspaceId, prospectId: p!.id, kind: 'signed', fromStatus: 'en_signature', toStatus: 'en_paiement', at: signedAt });
      if (activatedAt) events.push({ workspaceId: p!.workspaceId, prospectId: p!.id, kind: 'activated', fromStatus: 'en_paiement', toStatus: 'client_actif', detail: { mandateNumber }, at: activatedAt });
      if (abandoned) events.push({ workspaceId: p!.workspaceId, prospectId: p!.id, kind: 'abandoned', toStatus: 'abandonne', at: p!.abandonedAt! });
      if (activatedAt && !cancelled && now.getTime() - activatedAt.getTime() > 365 * 86_400_000 && next() < 0.95) {
        events.push({ workspaceId: p!.workspaceId, prospectId: p!.id, kind: 'renewed', detail: { paidPeriods: 2 }, at: new Date(activatedAt.getTime() + 365 * 86_400_000) });
      }
      if (endedAt) events.push({ workspaceId: p!.workspaceId, prospectId: p!.id, kind: 'cancelled', fromStatus: 'client_actif', toStatus: 'mandat_resilie', at: endedAt });
      await tx.insert(prospectEvents).values(events);
    });
  }
  return total;
}
