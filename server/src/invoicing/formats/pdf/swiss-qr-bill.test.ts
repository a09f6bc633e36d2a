import { describe, expect, it } from 'vitest';
import { standardVatInvoice, swissInvoice } from '../sample-documents.ts';
import { splitStreet, swissQrBillData } from './swiss-qr-bill.ts';

describe('Swiss QR-bill data', () => {
  it('pays the due amount of a CHF invoice to the seller, from the buyer, with the number as message and no reference', () => {
    expect(swissQrBillData(swissInvoice)).toEqual({
      currency: 'CHF',
      amount: 185,
      creditor: {
        account: 'CH9300762011623852957',
        name: 'WIN WIN Finance Sàrl',
        address: 'Rue du Rhône',
        buildingNumber: '14',
        zip: '1204',
        city: 'Genève',
        country: 'CH',
      },
      debtor: { name: 'Léa Muller', address: 'Chemin des Vignes', buildingNumber: '3', zip: '1009', city: 'Pully', country: 'CH' },
      message: 'F-2026-000031',
    });
  });

  it('asks for what is left to pay, converted from minor units exactly', () => {
    const partlyPaid = { ...swissInvoice, totals: { ...swissInvoice.totals, prepaid: 5_005, dueAmount: 13_495 } };
    expect(swissQrBillData(partlyPaid)?.amount).toBe(134.95);
  });

  it('gives no bill for EUR, without IBAN, when nothing is due, or for a credit note', () => {
    expect(swissQrBillData(standardVatInvoice)).toBeNull();
    expect(swissQrBillData({ ...swissInvoice, seller: { ...swissInvoice.seller, iban: null } })).toBeNull();
    expect(swissQrBillData({ ...swissInvoice, totals: { ...swissInvoice.totals, prepaid: 18_500, dueAmount: 0 } })).toBeNull();
    expect(swissQrBillData({ ...swissInvoice, kind: 'credit_note' })).toBeNull();
  });

  it('splits street and building number, Swiss or French order, and leaves other lines whole', () => {
    expect(splitStreet('Rue du Rhône 14')).toEqual({ address: 'Rue du Rhône', buildingNumber: '14' });
    expect(splitStreet('Bahnhofstrasse 12a')).toEqual({ address: 'Bahnhofstrasse', buildingNumber: '12a' });
    expect(splitStreet('12 rue de la République')).toEqual({ address: 'rue de la République', buildingNumber: '12' });
    expect(splitStreet('3 bis, avenue Foch')).toEqual({ address: 'avenue Foch', buildingNumber: '3 bis' });
    expect(splitStreet('Route de Saint-Gilles')).toEqual({ address: 'Route de Saint-Gilles' });
    expect(splitStreet('Case postale')).toEqual({ address: 'Case postale' });
  });
});
