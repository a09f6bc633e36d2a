import { describe, expect, it } from 'vitest';
import * as engine from './index.ts';

describe('the engine’s entry point', () => {
  it('exports the quote, the rules’ validation, the fixtures and the helpers', () => {
    for (const name of ['quote', 'validateRule', 'validateGrid', 'taxLine', 'monthlyEquivalent', 'evaluateExpression', 'roundHalfUp', 'toMinor', 'formatMoney']) {
      expect(typeof (engine as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(engine.DEMO_PRODUCTS.map((p) => p.sku)).toEqual(['MTV-OFFRE-001', 'WW-MANDAT-GESTION', 'DEP-SERVICE-001', 'MECA-COACHING', 'MECA-ABONNEMENT']);
  });

  it('prices through the entry point', () => {
    const result = engine.quote({ product: engine.MONDIAL_TV, planCode: 'BASIC', date: '2026-03-01' });
    expect([result.total_excl_tax, result.total_tax, result.total_incl_tax]).toEqual([825, 165, 990]);
  });
});
