import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPolicyFields, MAIN_FIELDS } from './extract-policy-fields.ts';

const household = `AXA Assurances SA
Police d’assurance ménage et responsabilité civile privée
Preneur d'assurance : Marie Dupont, Avenue de la Gare 12, 1003 Lausanne
N° de police : 12.345.678/9
Prime annuelle totale : CHF 1’234.50
Début du contrat : 01.01.2026
Échéance : 31.12.2026
Conditions générales selon la LCA. Lausanne, le 15.11.2025`;

describe('extractPolicyFields — a household policy with a text layer', () => {
  const result = extractPolicyFields(household);

  it('finds the five particulars with high confidence and their source lines', () => {
    expect(result.fields.insurer).toMatchObject({ value: 'AXA', source: 'AXA Assurances SA' });
    expect(result.fields.policyNumber).toMatchObject({ value: '12.345.678/9', source: 'N° de police : 12.345.678/9' });
    expect(result.fields.premium?.value).toEqual({ amount: 123_450, currency: 'CHF', period: 'year' });
    expect(result.fields.startDate?.value).toBe('2026-01-01');
    expect(result.fields.endDate?.value).toBe('2026-12-31');
    for (const key of MAIN_FIELDS) expect(result.fields[key]!.confidence, key).toBeGreaterThanOrEqual(85);
    expect(result.overallConfidence).toBeGreaterThanOrEqual(85);
  });

  it('names the kinds of cover, the title first', () => {
    expect(result.fields.coverageType?.value).toBe('menage');
    expect(result.coverages).toEqual(expect.arrayContaining(['menage', 'rc_privee']));
    expect(result.coverages).not.toContain('sante_lca');
  });

  it('does not take the issue date for the start of the contract', () => {
    expect(result.fields.startDate?.value).not.toBe('2025-11-15');
  });
});

describe('extractPolicyFields — Swiss vocabulary', () => {
  it.each([
    ['Allianz Suisse Société d’Assurances SA', 'Allianz Suisse'],
    ['La Mobilière Suisse Société d’assurances SA', 'La Mobilière'],
    ['Die Mobiliar', 'La Mobilière'],
    ['Bâloise Assurance SA', 'Baloise'],
    ['Generali Assurances Générales SA', 'Generali'],
    ['Helvetia Compagnie Suisse d’Assurances SA', 'Helvetia'],
    ['Vaudoise Générale, Compagnie d’Assurances SA', 'Vaudoise'],
    ['Zurich Compagnie d’Assurances SA', 'Zurich'],
    ['CSS Assurance-maladie SA', 'CSS'],
    ['Groupe Mutuel Assurances GMA SA', 'Groupe Mutuel'],
    ['SWICA Assurance-maladie SA', 'SWICA'],
    ['Visana Services SA', 'Visana'],
    ['Sanitas Assurances complémentaires SA', 'Sanitas'],
    ['Helsana Assurances SA', 'Helsana'],
    ['Swiss Life SA', 'Swiss Life'],
  ])('recognises %s as %s', (letterhead, name) => {
    expect(extractPolicyFields(`${letterhead}\nPolice n° 4455667`).fields.insurer?.value).toBe(name);
  });

  it('prefers an explicit "Assureur :" line, even for a company it does not know', () => {
    expect(extractPolicyFields('Courtier : WIN WIN Finance\nAssureur : Helsana Assurances SA').fields.insurer).toMatchObject({ value: 'Helsana', confidence: 97 });
    const unknown = extractPolicyFields('Assureur : Assurances Alpines SA');
    expect(unknown.fields.insurer).toMatchObject({ value: 'Assurances Alpines SA', confidence: 70 });
  });

  it('trusts "Zurich" the city less than Zurich the insurer', () => {
    const city = extractPolicyFields('Visana Services SA\nWeltpoststrasse 19, 3015 Berne\nAgence de Zurich').fields.insurer;
    expect(city?.value).toBe('Visana');
    const onlyCity = extractPolicyFields('Envoyé depuis 8002 Zurich').fields.insurer;
    expect(onlyCity?.confidence ?? 0).toBeLessThan(60);
  });

  it.each([
    ['Numéro de police: ZH-2026-004512', 'ZH-2026-004512', 95],
    ['Police no 80.123.456', '80.123.456', 95],
    ['N° de contrat : 7 123 456', '7 123 456', 90],
    ['Police n°\n 44 555 666', '44 555 666', 85],
    ['N° d’assuré : 756.1234.5678.97', '756.1234.5678.97', 60],
  ])('reads the policy number in %j', (text, value, confidence) => {
    expect(extractPolicyFields(text).fields.policyNumber).toMatchObject({ value, confidence });
  });

  it('does not take a date for a policy number', () => {
    expect(extractPolicyFields('N° de police : 01.01.2026').fields.policyNumber).toBeNull();
  });

  it.each([
    ['Prime annuelle : CHF 1’234.50', { amount: 123_450, currency: 'CHF', period: 'year' }],
    ['Prime mensuelle : Fr. 389.40', { amount: 38_940, currency: 'CHF', period: 'month' }],
    ['Prime par mois CHF 412.-', { amount: 41_200, currency: 'CHF', period: 'month' }],
    ['Prime semestrielle CHF 300.00', { amount: 60_000, currency: 'CHF', period: 'year' }],
    ['Total à payer par an : 2 150,00 CHF', { amount: 215_000, currency: 'CHF', period: 'year' }],
    ['Cotisation annuelle : 480,00 €', { amount: 48_000, currency: 'EUR', period: 'year' }],
  ])('reads the premium in %j', (text, premium) => {
    expect(extractPolicyFields(text).fields.premium?.value).toEqual(premium);
  });

  it('takes the total premium rather than the net one or the stamp duty', () => {
    const text = 'Prime nette CHF 1’000.00\nDroit de timbre 5 % CHF 50.00\nPrime annuelle totale CHF 1’050.00';
    expect(extractPolicyFields(text).fields.premium).toMatchObject({ value: { amount: 105_000 }, confidence: 97 });
  });

  it('never reads a deductible or a sum insured as the premium', () => {
    expect(extractPolicyFields('Franchise : CHF 300.00\nSomme d’assurance CHF 80’000.00').fields.premium).toBeNull();
  });

  it('assumes a yearly premium with less confidence when the period is not written', () => {
    const premium = extractPolicyFields('Prime totale : CHF 890.00').fields.premium;
    expect(premium?.value.period).toBe('year');
    expect(premium!.confidence).toBeLessThan(80);
  });

  it.each([
    ['Durée du contrat : du 01.01.2026 au 31.12.2028', '2026-01-01', '2028-12-31'],
    ['Période d’assurance : 01.07.2026 - 30.06.2027', '2026-07-01', '2027-06-30'],
    ['Valable dès le 1er janvier 2026\nValable jusqu’au 31 décembre 2026', '2026-01-01', '2026-12-31'],
    ['Entrée en vigueur : 01.04.2026\nExpiration : 31.03.2029', '2026-04-01', '2029-03-31'],
    ['Date d’effet 01/01/26\nÉchéance principale 31/12/26', '2026-01-01', '2026-12-31'],
  ])('reads the contract dates in %j', (text, start, end) => {
    const { fields } = extractPolicyFields(text);
    expect([fields.startDate?.value, fields.endDate?.value]).toEqual([start, end]);
  });

  it('computes the end from a duration in years, with less confidence', () => {
    const { fields } = extractPolicyFields('Début du contrat : 01.01.2026\nDurée du contrat : 3 ans');
    expect(fields.endDate).toMatchObject({ value: '2028-12-31', confidence: 70 });
  });

  it('ignores when the premium falls due', () => {
    expect(extractPolicyFields('Échéance de prime : 01.01.2026').fields.endDate).toBeNull();
  });

  it('doubts dates that end before they start', () => {
    const { fields } = extractPolicyFields('Début : 31.12.2026\nFin du contrat : 01.01.2026');
    expect(fields.startDate!.confidence).toBeLessThan(70);
    expect(fields.endDate!.confidence).toBeLessThan(70);
  });

  it.each([
    ['Assurance obligatoire des soins selon la LAMal', 'sante_lamal'],
    ['Assurances complémentaires : hospitalisation demi-privée', 'sante_lca'],
    ['Assurance véhicules à moteur — RC véhicule et casco partielle', 'auto'],
    ['Prévoyance liée (pilier 3a) — assurance-vie mixte', 'vie'],
    ['Assurance bâtiment — valeur à neuf', 'batiment'],
    ['Protection juridique privée et circulation', 'protection_juridique'],
    ['Responsabilité civile entreprise — somme d’assurance CHF 5 mio', 'rc_entreprise'],
    ['Assurance-accidents obligatoire selon la LAA', 'laa'],
    ['Assurance perte de gain maladie (indemnités journalières)', 'perte_de_gain'],
    ['Prévoyance professionnelle LPP — plan de base', 'lpp'],
  ])('classifies %j', (text, code) => {
    expect(extractPolicyFields(text).fields.coverageType?.value).toBe(code);
  });
});

describe('extractPolicyFields — OCR', () => {
  it('lowers a value’s confidence by how unsure tesseract was of its words', () => {
    const text = 'Prime annuelle : CHF 1’234.50';
    const sure = extractPolicyFields(text, { words: [{ text: 'CHF', confidence: 95 }, { text: "1'234.50", confidence: 96 }] });
    const unsure = extractPolicyFields(text, { words: [{ text: 'CHF', confidence: 95 }, { text: "1'234.50", confidence: 40 }] });
    expect(sure.fields.premium!.confidence).toBe(Math.round(95 * (0.5 + 0.5 * 0.96)));
    expect(unsure.fields.premium!.confidence).toBe(Math.round(95 * (0.5 + 0.5 * 0.4)));
    expect(unsure.overallConfidence).toBeLessThan(sure.overallConfidence);
  });

  it('uses the page’s mean word confidence for a value it cannot find among the words', () => {
    const result = extractPolicyFields('N° de police : 998877', { words: [{ text: 'autre', confidence: 60 }, { text: 'mot', confidence: 80 }] });
    expect(result.fields.policyNumber!.confidence).toBe(Math.round(95 * (0.5 + 0.5 * 0.7)));
  });
});

describe('extractPolicyFields — robustness (properties)', () => {
  const vocabulary = fc.constantFrom('Prime annuelle', 'CHF', "1'234.50", 'N° de police', ':', '01.01.2026', 'au', 'Échéance', 'AXA', 'Zurich', '\n', ' ', '12.345', '€', 'du', 'LAMal', 'ménage', '31.02.2026', '-', '.–');
  const texts = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.array(vocabulary, { maxLength: 60 }).map((parts) => parts.join(' ')));
  const words = fc.option(fc.array(fc.record({ text: fc.string({ maxLength: 12 }), confidence: fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -50, max: 150 })) }), { maxLength: 20 }), { nil: undefined });

  it('never throws; confidences are integers in 0..100; amounts integer minor units; dates valid ISO', () => {
    fc.assert(
      fc.property(texts, words, (text, ocrWords) => {
        const result = extractPolicyFields(text, { words: ocrWords });
        const fields = Object.values(result.fields).filter((f) => f !== null);
        for (const field of fields) {
          expect(Number.isInteger(field.confidence) && field.confidence >= 0 && field.confidence <= 100).toBe(true);
        }
        expect(Number.isInteger(result.overallConfidence) && result.overallConfidence >= 0 && result.overallConfidence <= 100).toBe(true);
        const premium = result.fields.premium?.value;
        if (premium) expect(Number.isSafeInteger(premium.amount) && premium.amount > 0).toBe(true);
        for (const date of [result.fields.startDate?.value, result.fields.endDate?.value]) {
          if (date) expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('survives garbage that is not a string', () => {
    expect(extractPolicyFields(undefined as unknown as string).overallConfidence).toBe(0);
    expect(extractPolicyFields(42 as unknown as string).fields.insurer).toBeNull();
  });
});
