import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, DEPANSSUR, MECAFORMATION_COACHING, MECAFORMATION_SUBSCRIPTION, MONDIAL_TV, WIN_WIN } from './fixtures.ts';
import { validateGrid } from './grid.ts';
import { quote } from './quote.ts';
import { validateRule } from './rules.ts';

const DATE = '2026-03-01';

describe('demo fixtures', () => {
  it('are all valid rules', () => {
    for (const product of DEMO_PRODUCTS) for (const plan of product.plans) expect(validateRule(plan.rule), `${product.sku}/${plan.code}`).toEqual([]);
  });

  it('price Mondial TV at 9,90 / 19,90 / 29,90 € TTC a month with 20 % VAT', () => {
    const basic = quote({ product: MONDIAL_TV, planCode: 'BASIC', date: DATE });
    expect(basic).toMatchObject({ currency: 'EUR', total_incl_tax: 990, total_excl_tax: 825, total_tax: 165 });
    expect(basic.lines).toHaveLength(1);
    expect(basic.lines[0]).toMatchObject({ tax_rate_bp: 2000, tax_rate: '20 %', recurrence: 'monthly', monthly_equivalent: 990, unit_amount: 990 });
    expect(basic.product_version).toEqual({ sku: 'MTV-OFFRE-001', name: 'Offre TV', version: 1 });
    const totals = (planCode: string) => {
      const r = quote({ product: MONDIAL_TV, planCode, date: DATE });
      return [r.total_excl_tax, r.total_tax, r.total_incl_tax];
    };
    expect(totals('CONFORT')).toEqual([1658, 332, 1990]);
    expect(totals('PREMIUM')).toEqual([2492, 498, 2990]);
  });

  describe('WIN WIN management mandate (CHF, yearly, exempt CH-21)', () => {
    const ww = (attributes: Record<string, string | number | boolean | null>) => quote({ product: WIN_WIN, date: DATE, attributes });

    it('prices a particulier aged 25 at CHF 185.– a year, 15.42 a month', () => {
      const result = ww({ client_type: 'particulier', age: 25 });
      expect(result).toMatchObject({ currency: 'CHF', total_incl_tax: 18_500, total_excl_tax: 18_500, total_tax: 0 });
      expect(result.lines[0]).toMatchObject({
        description: 'Mandat de gestion annuel (particulier > 22 ans)',
        recurrence: 'yearly',
        monthly_equivalent: 1542,
        tax_rate_bp: 0,
        tax_mention: 'Prestation exclue du champ de la TVA (art. 21 LTVA)',
      });
      expect(result.breakdown.map((s) => s.detail)).toContain('Grille : particulier > 22 ans → CHF 185.– / an');
      expect(result.breakdown.at(-1)).toEqual({ step: 'monthly_equivalent', detail: 'Équivalent mensuel : CHF 15.42 TTC / mois', amount: 1542 });
    });

    it('derives the age from the birth date', () => {
      const result = ww({ client_type: 'particulier', birth_date: '2001-02-10' });
      expect(result.total_incl_tax).toBe(18_500);
      expect(result.breakdown.find((s) => s.step === 'attribute')?.detail).toBe('Âge calculé depuis la date de naissance (2001-02-10) : 25 ans au 2026-03-01');
      expect(ww({ client_type: 'particulier', birth_date: '2004-03-02' }).total_incl_tax).toBe(8500); // 21 on the quote date
      expect(ww({ client_type: 'particulier', birth_date: '2008-03-02' }).total_incl_tax).toBe(0); // 17
    });

    it('prices particuliers 18-22 at CHF 85.– and minors free', () => {
      expect(ww({ client_type: 'particulier', age: 18 }).total_incl_tax).toBe(8500);
      expect(ww({ client_type: 'particulier', age: 22 }).total_incl_tax).toBe(8500);
      expect(ww({ client_type: 'particulier', age: 17 }).total_incl_tax).toBe(0);
      expect(ww({ client_type: 'particulier', age: 22 }).lines[0]?.monthly_equivalent).toBe(708);
    });

    it('prices entreprises by employee count', () => {
      const table: [number, number][] = [
        [0, 16_000],
        [1, 26_000],
        [2, 36_000],
        [4, 46_000],
        [8, 56_000],
        [15, 66_000],
        [25, 76_000],
        [31, 86_000],
        [250, 86_000],
      ];
      for (const [employees, total] of table) expect(ww({ client_type: 'entreprise', employees }).total_incl_tax, `${employees}`).toBe(total);
    });

    it('gives free mandates at CHF 0.– with « Mandat offert »', () => {
      const result = ww({ client_type: 'particulier', age: 40, free: true });
      expect(result.total_incl_tax).toBe(0);
      expect(result.lines[0]?.monthly_equivalent).toBe(0);
      expect(result.breakdown.some((s) => s.detail.includes('Mandat offert'))).toBe(true);
      expect(result.breakdown.find((s) => s.step === 'grid')?.detail).toBe('Grille : Mandat offert → CHF 0.– / an');
    });

    it('has a grid without gaps or overlaps', () => {
      expect(validateGrid(WIN_WIN.plans[0]?.rule as Parameters<typeof validateGrid>[0])).toEqual([]);
    });
  });

  it('prices Depanssur at 100 € TTC, once', () => {
    const result = quote({ product: DEPANSSUR, date: DATE });
    expect(result).toMatchObject({ total_incl_tax: 10_000, total_excl_tax: 8333, total_tax: 1667 });
    expect(result.lines[0]).toMatchObject({ recurrence: 'one_time', monthly_equivalent: null });
    expect(result.breakdown.find((s) => s.step === 'base')?.detail).toBe('Prix : 100,00 € (paiement unique)');
  });

  it('prices MécaFormation coaching at 890 € and 1 490 €, VAT-exempt as training', () => {
    const primo = quote({ product: MECAFORMATION_COACHING, planCode: 'PRIMO', date: DATE });
    const pro = quote({ product: MECAFORMATION_COACHING, planCode: 'GARAGES_PRO', date: DATE });
    expect([primo.total_excl_tax, primo.total_tax, primo.total_incl_tax]).toEqual([89_000, 0, 89_000]);
    expect([pro.total_excl_tax, pro.total_tax, pro.total_incl_tax]).toEqual([149_000, 0, 149_000]);
    expect(primo.lines[0]?.tax_mention).toBe('Exonération de TVA, article 261-4-4° a du CGI (formation professionnelle continue)');
    expect(primo.tax_summary).toEqual([
      { tax_rate_bp: 0, tax_rate: '0 %', tax_mention: primo.lines[0]?.tax_mention, amount_excl_tax: 89_000, tax_amount: 0, amount_incl_tax: 89_000 },
    ]);
  });

  it('prices the MécaFormation subscription at 29 € TTC a month or 290 € a year', () => {
    const month = quote({ product: MECAFORMATION_SUBSCRIPTION, planCode: 'MENSUEL', date: DATE });
    expect([month.total_excl_tax, month.total_tax, month.total_incl_tax]).toEqual([2417, 483, 2900]);
    const year = quote({ product: MECAFORMATION_SUBSCRIPTION, planCode: 'ANNUEL', date: DATE });
    expect(year.total_incl_tax).toBe(29_000);
    expect(year.lines[0]?.monthly_equivalent).toBe(2417);
  });
});
