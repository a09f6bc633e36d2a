import { describe, expect, it } from 'vitest';
import { activeSectionTab } from './sectionTab.ts';

describe('activeSectionTab', () => {
  const payments = ['/app/paiements', '/app/paiements/webhooks', '/app/paiements/marchands'] as const;

  it('picks the most specific tab containing the path', () => {
    expect(activeSectionTab('/app/paiements', payments)).toBe('/app/paiements');
    expect(activeSectionTab('/app/paiements/', payments)).toBe('/app/paiements');
    expect(activeSectionTab('/app/paiements/webhooks', payments)).toBe('/app/paiements/webhooks');
    expect(activeSectionTab('/app/paiements/marchands/m-1/releve', payments)).toBe('/app/paiements/marchands');
  });

  it('does not take a path that only starts with the same letters', () => {
    expect(activeSectionTab('/app/paiements-archives', ['/app/factures', '/app/paiements'])).toBe('/app/factures');
  });

  it('falls back to the first tab, whatever the order of the list', () => {
    expect(activeSectionTab('/app/ailleurs', ['/app/factures', '/app/factures/reglages'])).toBe('/app/factures');
    expect(activeSectionTab('/app/factures/reglages', ['/app/factures/reglages', '/app/factures'])).toBe('/app/factures/reglages');
    expect(activeSectionTab('/app/factures/f-1', ['/app/factures/reglages', '/app/factures'])).toBe('/app/factures');
  });
});
