import type { PricingRule } from '../../pricing/engine/rules.ts';
import { PRODUCT_COLUMNS, type ProductColumn } from './columns.ts';
import { writeCsv } from './csv.ts';
import { type PriceCellColumn, RULE_TYPE_COLUMNS } from './price-cells.ts';

type RuleType = PricingRule['type'];
type TemplateRow = Partial<Record<ProductColumn | PriceCellColumn, string>>;

/** The example price rows of each rule type, in the columns it reads (RULE_TYPE_COLUMNS). */
const EXAMPLES: Record<RuleType, { planName: string; recurrence: string; rows: TemplateRow[] }> = {
  fixed: { planName: 'Essentiel', recurrence: 'monthly', rows: [{ price: '9,90' }] },
  tiered: {
    planName: 'Licences par paliers',
    recurrence: 'monthly',
    rows: [
      { mode: 'graduated', row_label: 'Palier 1', conditions: 'quantité de 1 à 10', amount: '10,00' },
      { mode: 'graduated', row_label: 'Palier 2', conditions: 'quantité de 11 à 50', amount: '8,50', flat_amount: '5,00' },
      { mode: 'graduated', row_label: 'Palier 3', conditions: 'quantité à partir de 51', amount: '7,00' },
    ],
  },
  usage: { planName: 'À la consommation', recurrence: 'monthly', rows: [{ amount: '0,35', unit: 'kWh', included_units: '100', minimum_charge: '5,00' }] },
  indexed: { planName: 'Prix indexé', recurrence: 'monthly', rows: [{ index: 'energy', formula: 'base * energy / 100', variables: 'base = 2990' }] },
  grid: {
    planName: 'Grille par âge',
    recurrence: 'yearly',
    rows: [
      {
        dimensions: 'client_type (Type de client) : texte parmi particulier, entreprise | age (Âge) : entier de 0 à 130',
        row_code: 'jeune',
        row_label: 'particulier < 18 ans',
        conditions: 'client_type = particulier et age jusqu’à 17',
        amount: '0,00',
      },
      { row_code: 'adulte', row_label: 'particulier 18 ans et plus', conditions: 'client_type = particulier et age à partir de 18', amount: '185,00' },
      { row_code: 'entreprise', row_label: 'entreprise', conditions: 'client_type = entreprise', amount: '460,00' },
    ],
  },
  bundle: {
    planName: 'Pack',
    recurrence: 'monthly',
    rows: [
      { ref: 'AUTRE-SKU:FORMULE', quantity: '1', row_label: 'Premier composant', discount: '10 %' },
      { ref: 'AUTRE-SKU-2:FORMULE', quantity: '2', row_label: 'Second composant' },
    ],
  },
};

/**
 * A products file for one rule type, ready to edit and import: the product columns, then the price columns that
 * rule type reads, one row per price cell (tier, grid row, pack component) with the product columns repeated.
 * `company` and `riskCode` are the caller's own so the file imports as is (a draft product).
 */
export function templateCsv(type: RuleType, context: { company: string; riskCode: string; currency: string; today: string; bundleRefs?: string[] }): string {
  const example = EXAMPLES[type];
  const priceColumns = RULE_TYPE_COLUMNS[type].filter((c) => !(type === 'fixed' && c === 'amount'));
  const header: (ProductColumn | PriceCellColumn)[] = [...PRODUCT_COLUMNS.filter((c) => c !== 'effective_to' && c !== 'partner' && (type === 'fixed' || c !== 'price')), ...priceColumns];
  const refs = context.bundleRefs ?? [];
  const rows = example.rows.map((cells, i): string[] => {
    const values: TemplateRow = {
      sku: `MODELE-${type.toUpperCase()}-001`,
      name: `Modèle ${type}`,
      company: context.company,
      risk_code: context.riskCode,
      revenue_model: 'revenue',
      status: 'draft',
      version: '1',
      effective_from: context.today,
      plan_code: 'STANDARD',
      plan_name: example.planName,
      recurrence: example.recurrence,
      rule_type: type,
      currency: context.currency,
      tax_category: 'standard',
      tax_included: 'oui',
      exemption_code: '',
      ...cells,
      ...(type === 'bundle' && refs[i] ? { ref: refs[i] } : {}),
    };
    return header.map((column) => values[column] ?? '');
  });
  return writeCsv([header, ...rows]);
}
