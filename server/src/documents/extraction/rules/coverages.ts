/**
 * Kinds of cover a Swiss household or company holds, with the words policies use for each. The codes are what the
 * extraction stores, the needs analysis asks about and the recommendation rules reason on.
 */
export const COVERAGE_CODES = [
  'sante_lamal',
  'sante_lca',
  'rc_privee',
  'menage',
  'auto',
  'batiment',
  'vie',
  'protection_juridique',
  'voyage',
  'rc_entreprise',
  'laa',
  'perte_de_gain',
  'lpp',
  'choses_entreprise',
  'cyber',
] as const;
export type CoverageCode = (typeof COVERAGE_CODES)[number];

export interface CoverageDefinition {
  code: CoverageCode;
  label: string;
  /** Who typically holds it. */
  for: 'particulier' | 'entreprise' | 'both';
  /** Each pattern found adds its weight; the title lines count double. */
  patterns: { pattern: RegExp; weight: number }[];
}

export const COVERAGES: readonly CoverageDefinition[] = [
  {
    code: 'sante_lamal',
    label: 'Assurance maladie de base (LAMal)',
    for: 'particulier',
    patterns: [
      { pattern: /\bLAMal\b/i, weight: 3 },
      { pattern: /assurance[-\s]maladie\s+obligatoire|assurance\s+obligatoire\s+des\s+soins|assurance\s+de\s+base\b/i, weight: 3 },
    ],
  },
  {
    code: 'sante_lca',
    label: 'Assurance maladie complémentaire (LCA)',
    for: 'particulier',
    patterns: [
      { pattern: /assurances?\s+compl[ée]mentaires?(?!\s+LAA)|compl[ée]mentaire\s+(?:sant[ée]|maladie|hospitali[sè])/i, weight: 3 },
      { pattern: /hospitalisation\s+(?:en\s+)?(?:division\s+)?(?:demi-priv[ée]e|priv[ée]e|flex)/i, weight: 2 },
      { pattern: /m[ée]decines?\s+(?:alternatives?|compl[ée]mentaires?)/i, weight: 1 },
    ],
  },
  {
    code: 'rc_privee',
    label: 'Responsabilité civile privée',
    for: 'particulier',
    patterns: [{ pattern: /responsabilit[ée]\s+civile\s+priv[ée]e|\bRC\s+priv[ée]e/i, weight: 3 }],
  },
  {
    code: 'menage',
    label: 'Assurance ménage (inventaire du ménage)',
    for: 'particulier',
    patterns: [
      { pattern: /assurance\s+(?:de\s+l'\s?)?(?:inventaire\s+du\s+)?m[ée]nage|inventaire\s+du\s+m[ée]nage/i, weight: 3 },
      { pattern: /\bm[ée]nage\b/i, weight: 1 },
    ],
  },
  {
    code: 'auto',
    label: 'Assurance véhicule (RC auto, casco)',
    for: 'both',
    patterns: [
      { pattern: /assurance\s+(?:auto(?:mobile)?|v[ée]hicules?|moto)|responsabilit[ée]\s+civile\s+(?:v[ée]hicules?|automobile)|\bRC\s+(?:v[ée]hicules?|auto(?:mobile)?)\b/i, weight: 3 },
      { pattern: /\b(?:casco|plaques?\s+de\s+contr[ôo]le|v[ée]hicule\s+à\s+moteur|num[ée]ro\s+de\s+ch[âa]ssis)\b/i, weight: 2 },
    ],
  },
  {
    code: 'batiment',
    label: 'Assurance bâtiment',
    for: 'both',
    patterns: [
      { pattern: /assurance\s+(?:du\s+|des\s+)?b[âa]timents?|assurance\s+immobili[èe]re|propri[ée]taire\s+d'immeuble/i, weight: 3 },
      { pattern: /\bb[âa]timent\b|\bimmeuble\b/i, weight: 1 },
    ],
  },
  {
    code: 'vie',
    label: 'Assurance vie / 3e pilier',
    for: 'particulier',
    patterns: [
      { pattern: /assurance[-\s]vie|\b3e\s+pilier|troisi[èe]me\s+pilier|pilier\s+3\s?[ab]\b|pr[ée]voyance\s+(?:li[ée]e|libre|priv[ée]e)/i, weight: 3 },
      { pattern: /capital\s+(?:en\s+cas\s+de\s+)?d[ée]c[èe]s|rente\s+d'incapacit[ée]/i, weight: 1 },
    ],
  },
  {
    code: 'protection_juridique',
    label: 'Protection juridique',
    for: 'both',
    patterns: [{ pattern: /protection\s+juridique/i, weight: 3 }],
  },
  {
    code: 'voyage',
    label: 'Assurance voyage',
    for: 'particulier',
    patterns: [{ pattern: /assurance\s+voyages?|assistance\s+(?:aux\s+personnes|voyage)|frais\s+d'annulation/i, weight: 3 }],
  },
  {
    code: 'rc_entreprise',
    label: 'Responsabilité civile entreprise',
    for: 'entreprise',
    patterns: [
      { pattern: /responsabilit[ée]\s+civile\s+(?:(?:d'\s?|de\s+l')?entreprise|professionnelle|d'exploitation|exploitation)|\bRC\s+(?:entreprise|professionnelle|exploitation)\b/i, weight: 3 },
    ],
  },
  {
    code: 'laa',
    label: 'Assurance accidents obligatoire (LAA)',
    for: 'entreprise',
    patterns: [
      { pattern: /\bLAA\b|assurance[-\s]accidents\s+(?:obligatoire|selon\s+la\s+LAA|des\s+(?:travailleurs|salari[ée]s))/i, weight: 3 },
      { pattern: /\bLAAC\b|compl[ée]mentaire\s+LAA/i, weight: 1 },
    ],
  },
  {
    code: 'perte_de_gain',
    label: 'Perte de gain maladie (indemnités journalières)',
    for: 'entreprise',
    patterns: [{ pattern: /perte\s+de\s+gain|indemnit[ée]s?\s+journali[èe]res|\bIJM\b/i, weight: 3 }],
  },
  {
    code: 'lpp',
    label: 'Prévoyance professionnelle (LPP, 2e pilier)',
    for: 'entreprise',
    patterns: [{ pattern: /\bLPP\b|pr[ée]voyance\s+professionnelle|\b2e\s+pilier|deuxi[èe]me\s+pilier/i, weight: 3 }],
  },
  {
    code: 'choses_entreprise',
    label: 'Assurance choses entreprise (inventaire, interruption d’exploitation)',
    for: 'entreprise',
    patterns: [
      { pattern: /assurance\s+(?:de\s+)?choses|inventaire\s+(?:commercial|d'entreprise)|interruption\s+d'exploitation|assurance\s+commerce/i, weight: 3 },
    ],
  },
  {
    code: 'cyber',
    label: 'Assurance cyber',
    for: 'entreprise',
    patterns: [{ pattern: /\bcyber[-\s]?(?:risques?|assurance|protection)?\b/i, weight: 3 }],
  },
];

export function coverageLabel(code: string): string {
  return COVERAGES.find((c) => c.code === code)?.label ?? code;
}

export function isCoverageCode(value: unknown): value is CoverageCode {
  return typeof value === 'string' && (COVERAGE_CODES as readonly string[]).includes(value);
}
