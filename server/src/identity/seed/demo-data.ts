import type { Role } from '../permissions.ts';
import type { PostalAddress } from '../schema.ts';

/**
 * The four demo workspaces of PRODUCT.md. Identifiers are fictional but valid
 * (Luhn, VAT key, CHE check digit) except France Téléphone's SIREN, taken from seed
 * 003 Annex A §7. Seed 003 gives Action Prévoyance the SIREN 530895710, which fails
 * the Luhn check, so the demo leaves it empty rather than store an invalid number.
 */
export const DEMO_PASSWORD = 'comptoir-demo';

export interface DemoCompany {
  key: string;
  legalName: string;
  brandName: string;
  siren?: string;
  siret?: string;
  vatNumber?: string;
  country: 'FR' | 'CH';
  currency: 'EUR' | 'CHF';
  timeZone: string;
  address: Omit<PostalAddress, 'kind'>;
  primaryColor: string;
}

export interface DemoUser {
  persona: string;
  displayName: string;
  role: Role;
  /** Company keys; empty for the whole workspace. */
  companies: string[];
}

export interface DemoWorkspace {
  slug: string;
  name: string;
  country: 'FR' | 'CH';
  currency: 'EUR' | 'CHF';
  companies: DemoCompany[];
  users: DemoUser[];
}

const paris = (line1: string, postalCode: string, city: string) => ({ line1, postalCode, city, country: 'FR' });

export const demoWorkspaces: DemoWorkspace[] = [
  {
    slug: 'winwin',
    name: 'WIN WIN Finance',
    country: 'CH',
    currency: 'CHF',
    companies: [
      {
        key: 'ww',
        legalName: 'WIN WIN Finance Sàrl',
        brandName: 'WIN WIN Finance',
        vatNumber: 'CHE-123.456.788 TVA',
        country: 'CH',
        currency: 'CHF',
        timeZone: 'Europe/Zurich',
        address: { line1: 'Rue du Rhône 12', postalCode: '1204', city: 'Genève', country: 'CH' },
        primaryColor: '#1d6f42',
      },
    ],
    users: [
      { persona: 'admin', displayName: 'Admin WIN WIN', role: 'workspace_admin', companies: [] },
      { persona: 'accounting', displayName: 'Comptabilité WIN WIN', role: 'accounting', companies: [] },
      { persona: 'sales', displayName: 'Conseiller WIN WIN', role: 'sales', companies: ['ww'] },
      { persona: 'client', displayName: 'Client WIN WIN', role: 'learner', companies: ['ww'] },
    ],
  },
  {
    slug: 'winvest',
    name: 'Groupe Winvest',
    country: 'FR',
    currency: 'EUR',
    companies: [
      {
        key: 'ft',
        legalName: 'France Téléphone',
        brandName: 'France Téléphone',
        siren: '800397291',
        siret: '80039729100017',
        vatNumber: 'FR50800397291',
        country: 'FR',
        currency: 'EUR',
        timeZone: 'Europe/Paris',
        address: paris('10 rue de la Paix', '75002', 'Paris'),
        primaryColor: '#0b4f9c',
      },
      {
        key: 'ap',
        legalName: 'Action Prévoyance',
        brandName: 'Action Prévoyance',
        country: 'FR',
        currency: 'EUR',
        timeZone: 'Europe/Paris',
        address: paris('25 avenue de l’Opéra', '75001', 'Paris'),
        primaryColor: '#8c1d40',
      },
      {
        key: 'mtv',
        legalName: 'Mondial TV',
        brandName: 'Mondial TV',
        siren: '812345676',
        siret: '81234567600017',
        vatNumber: 'FR19812345676',
        country: 'FR',
        currency: 'EUR',
        timeZone: 'Europe/Paris',
        address: paris('5 boulevard Haussmann', '75009', 'Paris'),
        primaryColor: '#d35400',
      },
      {
        key: 'usgp',
        legalName: 'USGP',
        brandName: 'USGP',
        siren: '823456785',
        siret: '82345678500018',
        vatNumber: 'FR72823456785',
        country: 'FR',
        currency: 'EUR',
        timeZone: 'Europe/Paris',
        address: paris('3 place de la Bourse', '69002', 'Lyon'),
        primaryColor: '#2c3e50',
      },
    ],
    users: [
      { persona: 'admin', displayName: 'Admin Groupe', role: 'workspace_admin', companies: [] },
      { persona: 'company-admin', displayName: 'Admin France Téléphone', role: 'company_admin', companies: ['ft'] },
      { persona: 'catalog', displayName: 'Gestionnaire Catalogue', role: 'catalog_manager', companies: ['ft', 'ap', 'mtv', 'usgp'] },
      { persona: 'accounting', displayName: 'Comptabilité Groupe', role: 'accounting', companies: [] },
      { persona: 'adv', displayName: 'ADV Qualité', role: 'adv_quality', companies: [] },
      { persona: 'sales', displayName: 'Commercial Mondial TV', role: 'sales', companies: ['mtv'] },
      { persona: 'auditor', displayName: 'Auditeur Groupe', role: 'auditor', companies: [] },
    ],
  },
  {
    slug: 'pygmalion',
    name: 'Pygmalion',
    country: 'FR',
    currency: 'EUR',
    companies: [
      {
        key: 'platform',
        legalName: 'Pygmalion Aviation SAS',
        brandName: 'Pygmalion',
        siren: '834567893',
        siret: '83456789300013',
        vatNumber: 'FR25834567893',
        country: 'FR',
        currency: 'EUR',
        timeZone: 'Europe/Paris',
        address: paris('1 avenue de l’Europe', '31700', 'Blagnac'),
        primaryColor: '#123c69',
      },
      {
        key: 'of1',
        legalName: 'Aéro Formation Sud SARL',
        brandName: 'Aéro Formation Sud',
        siren: '845678903',
        siret: '84567890300012',
        vatNumber: 'FR72845678903',
        country: 'FR',
        currency: 'EUR',
        timeZone: 'Europe/Paris',
        address: paris('12 chemin de l’Aérodrome', '13700', 'Marignane'),
        primaryColor: '#ac3b61',
      },
      {
        key: 'of2',
        legalName: 'Cockpit Académie SAS',
        brandName: 'Cockpit Académie',
        siren: '856789011',
        siret: '85678901100017',
        vatNumber: 'FR32856789011',
        country: 'FR',
        currency: 'EUR',
        timeZone: 'Europe/Paris',
        address: paris('8 rue des Pilotes', '95500', 'Gonesse'),
        primaryColor: '#3a7ca5',
      },
    ],
    users: [
      { persona: 'admin', displayName: 'Opérateur Pygmalion', role: 'workspace_admin', companies: [] },
      { persona: 'moderator', displayName: 'Modération Pygmalion', role: 'moderator', companies: [] },
      { persona: 'support', displayName: 'Support Pygmalion', role: 'support', companies: [] },
      { persona: 'merchant', displayName: 'Admin Aéro Formation Sud', role: 'merchant_admin', companies: ['of1'] },
      { persona: 'trainer', displayName: 'Formateur Aéro Formation Sud', role: 'trainer', companies: ['of1'] },
      { persona: 'manager', displayName: 'Responsable formation aéroport', role: 'manager', companies: [] },
      { persona: 'budget', displayName: 'Gestionnaire budget', role: 'budget_holder', companies: [] },
      { persona: 'learner', displayName: 'Apprenant Pygmalion', role: 'learner', companies: [] },
    ],
  },
  {
    slug: 'mecaformation',
    name: 'MécaFormation',
    country: 'FR',
    currency: 'EUR',
    companies: [
      {
        key: 'meca',
        legalName: 'MécaFormation SAS',
        brandName: 'MécaFormation',
        siren: '867890121',
        siret: '86789012100017',
        vatNumber: 'FR61867890121',
        country: 'FR',
        currency: 'EUR',
        timeZone: 'Europe/Paris',
        address: paris('4 rue des Mécaniciens', '69007', 'Lyon'),
        primaryColor: '#c0392b',
      },
    ],
    users: [
      { persona: 'admin', displayName: 'Admin MécaFormation', role: 'workspace_admin', companies: [] },
      { persona: 'trainer', displayName: 'Coach MécaFormation', role: 'trainer', companies: ['meca'] },
      { persona: 'support', displayName: 'Support MécaFormation', role: 'support', companies: [] },
      { persona: 'learner', displayName: 'Apprenant MécaFormation', role: 'learner', companies: [] },
    ],
  },
];

export function demoEmail(persona: string, workspace: string): string {
  return `${persona}@${workspace}.demo`;
}
