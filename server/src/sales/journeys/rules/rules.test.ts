import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WINWIN_JOURNEY } from '../seed/winwin-journey.ts';
import { ageOn, completion, keptAnswers, mappedColumns, validateAnswers, visibleFields } from './form-rules.ts';
import { bucketOf, funnelKpis, type ProspectFacts, ratePermille, recurringRevenue } from './funnel-kpis.ts';
import { journeyDefinitionSchema, questionnaireOf } from './journey-definition.ts';
import { formatMandateNumber } from './mandate-number.ts';
import { isAbandoned, isDueForErasure, nextProspectStatus, PROSPECT_STATUSES, type ProspectEventKind, type ProspectStatus } from './prospect-status.ts';
import { monthlyEquivalent, quoteAttributesFromAnswers } from './quote-attributes.ts';

const form = questionnaireOf(WINWIN_JOURNEY);
const today = '2026-11-24';
const person = {
  client_type: 'particulier',
  first_name: 'Léa',
  last_name: 'Muller',
  email: 'lea@example.ch',
  phone: '+41 32 466 11 00',
  birth_date: '1990-05-12',
  address: 'Rue du Marché 4',
  postcode: '2900',
  city: 'Porrentruy',
  family_status: 'celibataire',
  coverages: ['rc_privee', 'menage'],
  budget_period: 'year',
  budget: 2400,
  priorities: ['prix'],
};

describe('the WIN WIN journey definition', () => {
  it('is a valid journey (the schema the back-office editor enforces)', () => {
    expect(journeyDefinitionSchema.safeParse(WINWIN_JOURNEY).success).toBe(true);
  });
  it('refuses steps out of order, duplicated, or a journey without activation', () => {
    const steps = WINWIN_JOURNEY.steps;
    expect(journeyDefinitionSchema.safeParse({ ...WINWIN_JOURNEY, steps: [steps[0], steps.at(-1), steps.at(-2)] }).success).toBe(false);
    expect(journeyDefinitionSchema.safeParse({ ...WINWIN_JOURNEY, steps: [steps[0], steps[0], steps.at(-1)] }).success).toBe(false);
    expect(journeyDefinitionSchema.safeParse({ ...WINWIN_JOURNEY, steps: steps.slice(0, -1) }).success).toBe(false);
  });
});

describe('questionnaire rules', () => {
  it('accepts a complete individual and shows the birth date, not the employee count', () => {
    expect(validateAnswers(form, person, { partial: false, today })).toEqual([]);
    const ids = visibleFields(form, person).map((f) => f.id);
    expect(ids).toContain('birth_date');
    expect(ids).not.toContain('employees');
    expect(completion(form, person)).toBe(100);
  });
  it('asks a company for its employee count and name instead', () => {
    const company = { ...person, client_type: 'entreprise', birth_date: undefined, company_name: 'Garage du Jura Sàrl', employees: 4 };
    expect(validateAnswers(form, company, { partial: false, today })).toEqual([]);
    expect(validateAnswers(form, { ...company, employees: undefined }, { partial: false, today })).toEqual([{ field: 'employees', message: 'Ce champ est obligatoire.' }]);
  });
  it('names the field at fault, in French', () => {
    const errors = validateAnswers(form, { ...person, email: 'pas-un-email', birth_date: '2030-01-01', priorities: ['rapidite'], bogus: 1 }, { partial: false, today });
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'bogus', message: 'Champ inconnu.' },
        { field: 'email', message: 'Adresse e-mail invalide.' },
        { field: 'birth_date', message: 'La date ne peut pas être dans le futur.' },
        { field: 'priorities', message: 'Choix invalide.' },
      ]),
    );
  });
  it('autosave checks only what was typed', () => {
    expect(validateAnswers(form, { first_name: 'Léa' }, { partial: true, today })).toEqual([]);
    expect(validateAnswers(form, { birth_date: '12.05.1990' }, { partial: true, today })).toEqual([{ field: 'birth_date', message: 'Date invalide (AAAA-MM-JJ).' }]);
  });
  it('drops the answers of a hidden branch on submit', () => {
    expect(keptAnswers(form, { ...person, employees: 12 })).not.toHaveProperty('employees');
  });
  it('maps name, email and client type onto the prospect', () => {
    expect(mappedColumns(form, person)).toEqual({ name: 'Léa Muller', email: 'lea@example.ch', phone: '+41 32 466 11 00', clientType: 'particulier' });
  });
  it('computes ages in whole years (birthday not yet reached, 29 February)', () => {
    expect(ageOn('2004-11-25', '2026-11-24')).toBe(21);
    expect(ageOn('2004-11-24', '2026-11-24')).toBe(22);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
  it('never throws and always names a field for any answers', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('email', 'birth_date', 'employees', 'client_type', 'coverages', 'x'), fc.anything()), (answers) => {
        const errors = validateAnswers(form, answers, { partial: true, today });
        expect(errors.every((e) => typeof e.field === 'string' && e.message.length > 0)).toBe(true);
      }),
    );
  });
});

describe('price attributes (seed 004 grid)', () => {
  it('gives the catalog the client type, the age on the quote date and the offer flag', () => {
    expect(quoteAttributesFromAnswers(WINWIN_JOURNEY.pricing, person, { today, offered: false })).toEqual({ client_type: 'particulier', age: 36, free: false });
    const company = { client_type: 'entreprise', employees: 4 };
    expect(quoteAttributesFromAnswers(WINWIN_JOURNEY.pricing, company, { today, offered: true })).toEqual({ client_type: 'entreprise', employees: 4, free: true });
  });
  it('shows CHF 185.– as 15.42 a month, 85.– as 7.08', () => {
    expect(monthlyEquivalent(18_500)).toBe(1542);
    expect(monthlyEquivalent(8_500)).toBe(708);
    expect(monthlyEquivalent(0)).toBe(0);
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), (yearly) => Math.abs(monthlyEquivalent(yearly) * 12 - yearly) <= 6));
  });
});

describe('mandate numbers', () => {
  it('follows WW-{year}-{sequence}', () => {
    expect(formatMandateNumber('WW-{year}-{seq}', 2026, 7, 5)).toBe('WW-2026-00007');
    expect(() => formatMandateNumber('WW-{year}-{seq}', 2026, 0, 5)).toThrow();
  });
});

describe('prospect statuses', () => {
  const shape = { signature: true, payment: true };
  const facts = { questionnaireCompletedAt: null, signedAt: null };
  it('walks seed 004: Prospect → En signature → En paiement → Client actif', () => {
    expect(nextProspectStatus('prospect', 'questionnaire_submitted', shape, facts)).toEqual({ ok: true, to: 'en_signature' });
    expect(nextProspectStatus('en_signature', 'signed', shape, facts)).toEqual({ ok: true, to: 'en_paiement' });
    expect(nextProspectStatus('en_paiement', 'activated', shape, facts)).toEqual({ ok: true, to: 'client_actif' });
    expect(nextProspectStatus('client_actif', 'payment_failed', shape, facts)).toEqual({ ok: true, to: 'paiement_en_echec' });
    expect(nextProspectStatus('paiement_en_echec', 'payment_recovered', shape, facts)).toEqual({ ok: true, to: 'client_actif' });
    expect(nextProspectStatus('client_actif', 'cancelled', shape, facts)).toEqual({ ok: true, to: 'mandat_resilie' });
  });
  it('a resumed prospect comes back where its facts say', () => {
    expect(nextProspectStatus('abandonne', 'resumed', shape, { questionnaireCompletedAt: new Date(), signedAt: null })).toEqual({ ok: true, to: 'en_signature' });
    expect(nextProspectStatus('abandonne', 'resumed', { signature: false, payment: true }, { questionnaireCompletedAt: new Date(), signedAt: null })).toEqual({ ok: true, to: 'en_paiement' });
  });
  it('activation is accepted once: from a client status it is refused', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROSPECT_STATUSES), (status: ProspectStatus) => {
        const result = nextProspectStatus(status, 'activated', shape, facts);
        expect(result.ok).toBe(status === 'en_paiement');
      }),
    );
  });
  it('no event sequence leaves the known statuses or revives a cancelled mandate', () => {
    const events: ProspectEventKind[] = ['questionnaire_submitted', 'signed', 'activated', 'payment_failed', 'payment_recovered', 'cancelled', 'abandoned', 'resumed'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events), { maxLength: 30 }), (sequence) => {
        let status: ProspectStatus = 'prospect';
        let cancelled = false;
        for (const event of sequence) {
          const result = nextProspectStatus(status, event, shape, { questionnaireCompletedAt: new Date(), signedAt: new Date() });
          if (result.ok) status = result.to;
          if (status === 'mandat_resilie') cancelled = true;
          expect(PROSPECT_STATUSES).toContain(status);
          if (cancelled) expect(status).toBe('mandat_resilie');
        }
      }),
    );
  });
  it('abandons only journeys in progress after the idle time', () => {
    const last = new Date('2026-11-20T10:00:00Z');
    expect(isAbandoned('en_signature', last, new Date('2026-11-23T10:00:00Z'), 72)).toBe(true);
    expect(isAbandoned('en_signature', last, new Date('2026-11-23T09:59:59Z'), 72)).toBe(false);
    expect(isAbandoned('client_actif', last, new Date('2027-01-01T00:00:00Z'), 72)).toBe(false);
  });

  it('erases only abandoned prospects, once idle for the retention days, and never without a retention', () => {
    const last = new Date('2026-05-01T10:00:00Z');
    expect(isDueForErasure('abandonne', last, new Date('2026-10-28T10:00:00Z'), 180)).toBe(true);
    expect(isDueForErasure('abandonne', last, new Date('2026-10-28T09:59:59Z'), 180)).toBe(false);
    expect(isDueForErasure('abandonne', last, new Date('2036-01-01T00:00:00Z'), null)).toBe(false);
    for (const status of PROSPECT_STATUSES.filter((s) => s !== 'abandonne')) expect(isDueForErasure(status, last, new Date('2036-01-01T00:00:00Z'), 1)).toBe(false);
  });
});

describe('funnel KPIs', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 9, minutes));
  const p = (over: Partial<ProspectFacts>): ProspectFacts => ({ status: 'prospect', clientType: 'particulier', startedAt: at(0), questionnaireCompletedAt: null, signedAt: null, activatedAt: null, ...over });
  it('counts seed 004 ratios from the timestamps', () => {
    const kpis = funnelKpis(
      [
        p({ status: 'client_actif', questionnaireCompletedAt: at(10), signedAt: at(15), activatedAt: at(20) }),
        p({ status: 'client_actif', questionnaireCompletedAt: at(12), signedAt: at(18), activatedAt: at(40) }),
        p({ status: 'en_paiement', questionnaireCompletedAt: at(9), signedAt: at(11) }),
        p({ status: 'abandonne' }),
      ],
      [{ dueAt: at(0), renewed: true }, { dueAt: at(0), renewed: false }],
    );
    expect(kpis).toMatchObject({
      started: 4,
      questionnaireCompletionPermille: 750,
      signaturePermille: 1000,
      paymentConversionPermille: 667,
      abandonmentPermille: 250,
      renewalPermille: 500,
      meanJourneySeconds: 30 * 60,
    });
    expect(funnelKpis([], []).questionnaireCompletionPermille).toBeNull();
  });
  it('rates stay within 0..1000', () => {
    fc.assert(fc.property(fc.nat(1000), fc.integer({ min: 1, max: 1000 }), (a, b) => {
      const rate = ratePermille(Math.min(a, b), b)!;
      return rate >= 0 && rate <= 1000;
    }));
  });
  it('buckets by month and by ISO week in the company zone', () => {
    expect(bucketOf(new Date('2026-11-30T23:30:00Z'), 'month', 'Europe/Zurich')).toBe('2026-12');
    expect(bucketOf(new Date('2026-11-26T12:00:00Z'), 'week', 'Europe/Zurich')).toBe('2026-11-23');
  });
  it('MRR of yearly mandates is their twelfth, exact then rounded once', () => {
    const contracts = [
      { clientType: 'particulier' as const, amount: 18_500, interval: 'year' as const, intervalCount: 1 },
      { clientType: 'particulier' as const, amount: 8_500, interval: 'year' as const, intervalCount: 1 },
      { clientType: 'entreprise' as const, amount: 46_000, interval: 'year' as const, intervalCount: 1 },
    ];
    const revenue = recurringRevenue(contracts);
    expect(revenue.arr).toBe(73_000);
    expect(revenue.mrr).toBe(6083);
    expect(revenue.byClientType).toEqual([
      { clientType: 'particulier', clients: 2, mrr: 2250, arr: 27_000 },
      { clientType: 'entreprise', clients: 1, mrr: 3833, arr: 46_000 },
    ]);
  });
});

describe('mail placeholders', () => {
  it('fills the seed’s welcome text and keeps unknown placeholders visible', async () => {
    const { fillPlaceholders, swissPrice, localDate } = await import('./mail-placeholders.ts');
    expect(fillPlaceholders('Bonjour {client.name}, mandat {mandatNumber} à CHF {annualPrice}.-/an ({inconnu})', { 'client.name': 'Léa Muller', mandatNumber: 'WW-2026-00001', annualPrice: swissPrice(18_500) })).toBe(
      'Bonjour Léa Muller, mandat WW-2026-00001 à CHF 185.-/an ({inconnu})',
    );
    expect(swissPrice(1542)).toBe('15.42');
    expect(swissPrice(123_456_700)).toBe('1’234’567');
    expect(localDate('2026-11-24', 'CH')).toBe('24.11.2026');
    expect(localDate('2026-11-24', 'FR')).toBe('24/11/2026');
  });
});
