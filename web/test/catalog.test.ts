import { describe, expect, it } from 'vitest';
import { isVersionEditable, type VersionDetail } from '../src/catalogApi.ts';
import { dayInZone, formatDay } from '../src/i18n/format.ts';
import type { Me } from '../src/identityApi.ts';
import { mappingsBody, newExternalCodeErrors, newRowFieldOf } from '../src/pages/catalog/externalCodes.ts';
import { agreementState, emptyNegotiatedPriceForm, negotiatedPriceFormErrors, negotiatedPriceFormToInput, negotiatedPriceToForm } from '../src/pages/catalog/negotiatedPriceForm.ts';
import { newPlanRow, planRowErrors, planRowFromVersion, planRowToInput } from '../src/pages/catalog/planRows.ts';
import { hasPermissionFor } from '../src/session.ts';

describe('catalog screens: pure helpers', () => {
  it('reads an instant as a day in the company zone, not the browser’s', () => {
    expect(dayInZone('2026-02-28T23:00:00.000Z', 'Europe/Paris')).toBe('2026-03-01');
    expect(dayInZone('2026-02-28T23:00:00.000Z', 'UTC')).toBe('2026-02-28');
    expect(formatDay('2026-03-31', 'fr')).toBe('31/03/2026');
  });

  it('turns the negotiated price form into minor units and days, and back', () => {
    const form = { ...emptyNegotiatedPriceForm(), customerRef: ' CLIENT-42 ', planCode: 'BASIC', amount: '7,90', validFrom: '2026-03-01' };
    expect(negotiatedPriceFormErrors(form)).toEqual({});
    expect(negotiatedPriceFormToInput(form)).toEqual({ customerRef: 'CLIENT-42', planCode: 'BASIC', amount: 790, validFrom: '2026-03-01', validTo: null });
    const stored = { id: 'x', productId: 'p', customerRef: 'C', planCode: null, amount: 18_500, validFrom: '2026-02-28T23:00:00.000Z', validTo: null };
    expect(negotiatedPriceToForm(stored, 'Europe/Paris')).toEqual({ customerRef: 'C', planCode: null, amount: '185,00', validFrom: '2026-03-01', validTo: '' });
  });

  it('refuses an empty customer, a float-looking amount and a reversed period, by field', () => {
    expect(negotiatedPriceFormErrors({ customerRef: '', planCode: null, amount: '7,905', validFrom: '2026-03-02', validTo: '2026-03-01' })).toEqual({
      customerRef: 'wizard.error.required',
      amount: 'wizard.error.amount',
      validTo: 'negotiated.error.validTo',
    });
    expect(negotiatedPriceFormErrors({ customerRef: 'C', planCode: null, amount: '7', validFrom: '2026-03-01', validTo: '2026-03-01' })).toEqual({});
  });

  it('says whether an agreement is upcoming, current or ended on the company’s day', () => {
    const march = { validFrom: '2026-02-28T23:00:00.000Z', validTo: '2026-03-30T22:00:00.000Z' };
    expect(agreementState(march, '2026-02-28', 'Europe/Paris')).toBe('upcoming');
    expect(agreementState(march, '2026-03-01', 'Europe/Paris')).toBe('active');
    expect(agreementState(march, '2026-03-31', 'Europe/Paris')).toBe('active');
    expect(agreementState(march, '2026-04-01', 'Europe/Paris')).toBe('ended');
    expect(agreementState({ validFrom: null, validTo: null }, '2030-01-01', 'Europe/Paris')).toBe('active');
  });

  it('edits a fixed price and keeps other rules, options and the exemption code where it belongs', () => {
    const fixed = planRowFromVersion({
      id: '1',
      code: 'PRIMO',
      name: 'Primo',
      recurrence: 'one_shot',
      billingCycleDays: null,
      adjustments: { options: [{ code: 'X' }] },
      rule: { type: 'fixed', amount: 89_000, taxMode: 'incl', taxCategory: 'exempt', exemptionCode: 'FR-261-4-4a', recurrence: { kind: 'one_time' }, minimum: 1 },
    });
    expect(fixed.price).toBe('890,00');
    const changed = planRowToInput({ ...fixed, price: '1 490', taxCategory: 'standard' });
    expect(changed.rule).toEqual({ type: 'fixed', amount: 149_000, taxMode: 'incl', taxCategory: 'standard', recurrence: { kind: 'one_time' }, minimum: 1 });
    expect(changed.adjustments).toEqual({ options: [{ code: 'X' }] });
    expect(planRowToInput(fixed).rule).toMatchObject({ exemptionCode: 'FR-261-4-4a', amount: 89_000 });
    const grid = { type: 'grid', dimensions: [] };
    const gridRow = planRowFromVersion({ id: '2', code: 'G', name: 'Grille', recurrence: 'yearly', billingCycleDays: null, adjustments: {}, rule: grid });
    expect(planRowToInput({ ...gridRow, price: '12' }).rule).toBe(grid);
  });

  it('checks plan rows before sending: codes, names, prices, exemption codes', () => {
    const rows = [
      { ...newPlanRow(), code: 'BASIC', name: 'Basic', price: '9,90' },
      { ...newPlanRow(), code: 'BASIC', name: '', price: '9.999' },
      { ...newPlanRow(), code: 'bad code', name: 'X', price: '5', taxCategory: 'exempt' as const },
    ];
    expect(planRowErrors(rows, true)).toEqual({
      'plans.1.code': 'wizard.error.duplicateCode',
      'plans.1.name': 'wizard.error.required',
      'plans.1.rule.amount': 'wizard.error.amount',
      'plans.2.code': 'wizard.error.planCode',
      'plans.2.rule.exemptionCode': 'wizard.error.exemptionCode',
    });
    expect(planRowErrors([{ ...newPlanRow(), code: 'A', name: 'A' }], false)).toEqual({});
  });

  it('mirrors the server: a version may change while scheduled or never published', () => {
    const detail = (state: 'scheduled' | 'current' | 'past', publications: number) =>
      ({ version: { state }, publications: Array.from({ length: publications }, () => ({})) }) as unknown as Pick<VersionDetail, 'version' | 'publications'>;
    expect(isVersionEditable(detail('scheduled', 1))).toBe(true);
    expect(isVersionEditable(detail('current', 0))).toBe(true);
    expect(isVersionEditable(detail('current', 1))).toBe(false);
  });

  it('refuses a second code for one system (without case) and routes server errors to the new row', () => {
    const current = [{ system: 'OggoData', externalCode: 'OG-1' }];
    expect(newExternalCodeErrors(current, 'oggodata', 'OG-2')).toEqual({ system: 'externalCodes.error.duplicateSystem' });
    expect(newExternalCodeErrors(current, ' ', '')).toEqual({ system: 'wizard.error.required', externalCode: 'wizard.error.required' });
    expect(mappingsBody([{ system: ' A3DN ', externalCode: ' A-1 ', sharedWith: [] }])).toEqual([{ system: 'A3DN', externalCode: 'A-1' }]);
    expect([newRowFieldOf('mappings', 1), newRowFieldOf('mappings.1.externalCode', 1), newRowFieldOf('mappings.0.externalCode', 1)]).toEqual(['system', 'externalCode', null]);
  });

  it('checks a permission on the record’s company', () => {
    const me = { permissions: [{ permission: 'catalog.write', companyIds: ['mtv'] }, { permission: 'sales.read', companyIds: 'all' }] } as unknown as Me;
    expect(hasPermissionFor(me, 'catalog.write', 'mtv')).toBe(true);
    expect(hasPermissionFor(me, 'catalog.write', 'ft')).toBe(false);
    expect(hasPermissionFor(me, 'sales.read', 'ft')).toBe(true);
    expect(hasPermissionFor(undefined, 'sales.read', 'ft')).toBe(false);
  });
});
