import { eq } from 'drizzle-orm';
import { companies } from '../../identity/schema.ts';
import type { DemoSeedReport } from '../../platform/module.ts';
import type { Services } from '../../platform/services.ts';
import { invoicingSettings } from '../schema.ts';

/** What the demo companies print on their invoices: legal mentions, bank details (WIN WIN's IBAN feeds its QR-bill). */
const demoSettings: Record<string, Partial<typeof invoicingSettings.$inferInsert>> = {
  'WIN WIN Finance Sàrl': { legalMention: 'Sàrl au capital de CHF 20 000.–', registration: 'RC Genève CHE-123.456.788', iban: 'CH9300762011623852957', paymentTermsDays: 30 },
  'Mondial TV': { legalMention: 'SAS au capital de 50 000 €', registration: 'RCS Nîmes', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' },
  'France Téléphone': { legalMention: 'SA au capital de 1 000 000 €', registration: 'RCS Paris' },
  USGP: { legalMention: 'SAS au capital de 30 000 €', registration: 'RCS Montpellier' },
  'Action Prévoyance': { legalMention: 'Courtier en assurances — ORIAS 12 345 678', registration: 'RCS Lyon' },
  'MécaFormation SAS': { legalMention: 'SAS au capital de 10 000 € — organisme de formation n° 76 30 12345 30', registration: 'RCS Nîmes', invoicePrefix: 'MF', creditNotePrefix: 'MFAV' },
  'Aéro Formation Sud SARL': { legalMention: 'SARL — organisme de formation n° 76 34 54321 34', registration: 'RCS Montpellier' },
  'Cockpit Académie SAS': { legalMention: 'SAS — organisme de formation n° 11 75 99999 75', registration: 'RCS Paris' },
};

export async function seedInvoicingDemo(services: Services): Promise<DemoSeedReport> {
  const lines: string[] = [];
  for (const [legalName, settings] of Object.entries(demoSettings)) {
    const [company] = await services.db.select({ id: companies.id, brandName: companies.brandName }).from(companies).where(eq(companies.legalName, legalName));
    if (!company) continue;
    await services.db.insert(invoicingSettings).values({ companyId: company.id, ...settings }).onConflictDoNothing();
    lines.push(`Facturation ${company.brandName} : préfixes ${settings.invoicePrefix ?? 'F'} / ${settings.creditNotePrefix ?? 'AV'}`);
  }
  return { lines };
}
