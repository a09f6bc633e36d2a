import type { CoverageCode } from '../extraction/rules/coverages.ts';

/**
 * The recommendation rules as data, in French, so an advisor can read exactly what the summary is based on
 * (GET /api/documents/recommendation-rules shows this table; the module README repeats it). Changing a rule is
 * changing a row here — the code in `recommend-coverage.ts` only applies the table.
 */
export type ClientType = 'particulier' | 'entreprise';
export type Priority = 'prix' | 'couverture' | 'service';

export interface CoverageRule {
  clientType: ClientType;
  coverage: CoverageCode;
  /** `obligatoire` and `recommandée` are gaps when missing; `selon besoin` only when the needs analysis asks for it. */
  level: 'obligatoire' | 'recommandée' | 'selon besoin';
  /** Only for companies with staff (when the number of employees is known and is 0, the rule does not apply). */
  withStaffOnly?: boolean;
  rationale: string;
}

export const COVERAGE_RULES: readonly CoverageRule[] = [
  { clientType: 'particulier', coverage: 'sante_lamal', level: 'obligatoire', rationale: 'Toute personne domiciliée en Suisse doit être assurée pour les soins (LAMal, art. 3).' },
  { clientType: 'particulier', coverage: 'rc_privee', level: 'recommandée', rationale: 'Couvre les dommages causés à autrui, dont le montant n’a pas de limite ; souvent exigée par le bail à loyer, pour une prime modeste.' },
  { clientType: 'particulier', coverage: 'menage', level: 'recommandée', rationale: 'Protège les biens du ménage (incendie, dégâts d’eau, vol) ; l’assurance incendie du mobilier est obligatoire dans plusieurs cantons (p. ex. Vaud, Fribourg, Nidwald).' },
  { clientType: 'particulier', coverage: 'sante_lca', level: 'selon besoin', rationale: 'Complète la LAMal (hospitalisation en division privée ou demi-privée, médecines complémentaires) ; à conclure en bonne santé, avant qu’un questionnaire médical ne la rende difficile.' },
  { clientType: 'particulier', coverage: 'vie', level: 'selon besoin', rationale: 'Prévoyance liée (3e pilier A) : protège la famille en cas de décès ou d’invalidité et réduit l’impôt.' },
  { clientType: 'particulier', coverage: 'auto', level: 'selon besoin', rationale: 'La RC véhicule est obligatoire pour tout véhicule immatriculé (LCR, art. 63) ; la casco dépend de la valeur du véhicule.' },
  { clientType: 'particulier', coverage: 'batiment', level: 'selon besoin', rationale: 'Obligatoire pour les propriétaires dans la plupart des cantons (établissement cantonal ou assureur privé selon le canton).' },
  { clientType: 'particulier', coverage: 'protection_juridique', level: 'selon besoin', rationale: 'Prend en charge les frais d’avocat et de procédure (circulation, bail, travail).' },
  { clientType: 'particulier', coverage: 'voyage', level: 'selon besoin', rationale: 'Frais d’annulation et rapatriement, que la LAMal ne couvre pas ou peu à l’étranger.' },
  { clientType: 'entreprise', coverage: 'laa', level: 'obligatoire', withStaffOnly: true, rationale: 'Tout employeur assure son personnel contre les accidents professionnels et non professionnels (LAA, art. 1a).' },
  { clientType: 'entreprise', coverage: 'lpp', level: 'obligatoire', withStaffOnly: true, rationale: 'Les salariés dont le salaire dépasse le seuil d’entrée LPP doivent être affiliés à une institution de prévoyance (LPP, art. 2 et 11).' },
  { clientType: 'entreprise', coverage: 'rc_entreprise', level: 'recommandée', rationale: 'Couvre les dommages causés à des tiers par l’entreprise ou ses produits ; souvent exigée par les clients et les bailleurs.' },
  { clientType: 'entreprise', coverage: 'perte_de_gain', level: 'recommandée', withStaffOnly: true, rationale: 'L’employeur doit payer le salaire d’un employé malade (CO, art. 324a) : l’assurance perte de gain reprend ce risque (indemnités journalières).' },
  { clientType: 'entreprise', coverage: 'choses_entreprise', level: 'recommandée', rationale: 'Protège l’inventaire, les marchandises et la perte d’exploitation après un incendie, un dégât d’eau ou un vol.' },
  { clientType: 'entreprise', coverage: 'cyber', level: 'selon besoin', rationale: 'Couvre les frais d’une attaque informatique (restauration des données, rançon, responsabilité).' },
  { clientType: 'entreprise', coverage: 'protection_juridique', level: 'selon besoin', rationale: 'Litiges avec clients, fournisseurs, employés ou bailleurs.' },
  { clientType: 'entreprise', coverage: 'auto', level: 'selon besoin', rationale: 'Véhicules de l’entreprise : RC obligatoire, casco selon leur valeur.' },
  { clientType: 'entreprise', coverage: 'batiment', level: 'selon besoin', rationale: 'Bâtiments dont l’entreprise est propriétaire.' },
];

export interface SavingsRule {
  coverage: CoverageCode;
  /** Estimated share of the yearly premium a comparison saves, in basis points (1 500 = 15 %). */
  rateBp: number;
  /** Whether two policies of this kind are a double insurance (for vehicles or 3rd-pillar accounts they are not). */
  duplicateIsOverlap: boolean;
  rationale: string;
}

export const SAVINGS_RULES: readonly SavingsRule[] = [
  { coverage: 'sante_lamal', rateBp: 800, duplicateIsOverlap: true, rationale: 'Mêmes prestations légales chez toutes les caisses : l’écart vient de la caisse, du modèle (médecin de famille, télémédecine) et de la franchise.' },
  { coverage: 'sante_lca', rateBp: 1000, duplicateIsOverlap: true, rationale: 'Les complémentaires se recoupent souvent (hospitalisation, médecines douces) ; à revoir avec prudence (questionnaire de santé).' },
  { coverage: 'rc_privee', rateBp: 1500, duplicateIsOverlap: true, rationale: 'Produit très standardisé : les primes varient fortement pour des garanties proches.' },
  { coverage: 'menage', rateBp: 1500, duplicateIsOverlap: true, rationale: 'Somme d’assurance souvent surévaluée et rabais de combinaison RC + ménage.' },
  { coverage: 'auto', rateBp: 1200, duplicateIsOverlap: false, rationale: 'Comparaison des tarifs, de la franchise et de la casco selon l’âge du véhicule.' },
  { coverage: 'batiment', rateBp: 800, duplicateIsOverlap: false, rationale: 'Marge limitée (monopole cantonal dans de nombreux cantons) ; porte sur les couvertures complémentaires.' },
  { coverage: 'vie', rateBp: 0, duplicateIsOverlap: false, rationale: 'Aucune économie estimée : résilier un contrat vie ou 3a coûte souvent sa valeur de rachat.' },
  { coverage: 'protection_juridique', rateBp: 1500, duplicateIsOverlap: true, rationale: 'Souvent incluse ailleurs (carte de crédit, association, assurance auto) ; tarifs très variables.' },
  { coverage: 'voyage', rateBp: 1000, duplicateIsOverlap: true, rationale: 'Fréquemment déjà couverte par une carte de crédit ou une complémentaire santé.' },
  { coverage: 'rc_entreprise', rateBp: 1000, duplicateIsOverlap: true, rationale: 'Primes fonction de la branche et du chiffre d’affaires : un appel d’offres est utile tous les 3 ans.' },
  { coverage: 'laa', rateBp: 800, duplicateIsOverlap: true, rationale: 'Les taux de prime LAA des assureurs privés varient selon la classe de risque et la sinistralité.' },
  { coverage: 'perte_de_gain', rateBp: 1000, duplicateIsOverlap: true, rationale: 'Délai d’attente et taux de couverture se négocient (p. ex. 30 → 60 jours).' },
  { coverage: 'lpp', rateBp: 0, duplicateIsOverlap: false, rationale: 'Aucune économie estimée : changer d’institution de prévoyance demande une analyse des réserves et du plan.' },
  { coverage: 'choses_entreprise', rateBp: 1000, duplicateIsOverlap: true, rationale: 'Sommes d’assurance et franchises souvent inadaptées à l’inventaire réel.' },
  { coverage: 'cyber', rateBp: 500, duplicateIsOverlap: true, rationale: 'Marché jeune : peu d’écart de prix, davantage de différences de garanties.' },
];

/** How much of the estimated saving is counted, by the client's first priority: price-first clients take it all. */
export const PRIORITY_FACTORS_PERCENT: Record<Priority | 'aucune', { percent: number; rationale: string }> = {
  prix: { percent: 100, rationale: 'Priorité au prix : on retient toute l’économie estimée.' },
  service: { percent: 75, rationale: 'Priorité au service : on garde un assureur au service reconnu, qui n’est pas toujours le moins cher.' },
  couverture: { percent: 50, rationale: 'Priorité à la couverture : on améliore les garanties, une partie de l’économie y passe.' },
  aucune: { percent: 75, rationale: 'Sans priorité exprimée : trois quarts de l’économie estimée.' },
};

/** The rounding of every estimate, named: half-up to the whole franc (an estimate has no centimes). */
export const SAVINGS_ROUNDING = 'au franc le plus proche (demi vers le haut)';

export function recommendationRulesTable() {
  return { coverageRules: COVERAGE_RULES, savingsRules: SAVINGS_RULES, priorityFactors: PRIORITY_FACTORS_PERCENT, rounding: SAVINGS_ROUNDING };
}
