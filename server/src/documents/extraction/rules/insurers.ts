/**
 * Insurance companies active in Switzerland (and a few in France), with the spellings their documents use. `strong`
 * patterns name the company; `weak` ones may name something else (Zurich is also a city), so they count for less.
 */
export interface KnownInsurer {
  name: string;
  strong: RegExp[];
  weak?: RegExp[];
}

export const KNOWN_INSURERS: readonly KnownInsurer[] = [
  { name: 'AXA', strong: [/\bAXA\b/] },
  { name: 'Allianz Suisse', strong: [/\bAllianz\b/i] },
  { name: 'Generali', strong: [/\bG[ée]n[ée]rali\b/i] },
  { name: 'Helvetia', strong: [/\bHelvetia\s+(?:Assurances?|Compagnie|Versicherungen|Vie)\b/i], weak: [/\bHelvetia\b/i] },
  { name: 'Baloise', strong: [/\bB[aâ]loise\b/i] },
  { name: 'La Mobilière', strong: [/\bMobili[èe]re\b/i, /\bMobiliar\b/i] },
  { name: 'Zurich', strong: [/\bZurich\s+(?:Compagnie|Assurances?|Insurance|Versicherungs?|Vie|Life)\b/i], weak: [/\bZ[uü]rich\b/i] },
  { name: 'Vaudoise', strong: [/\bVaudoise\b/i] },
  { name: 'CSS', strong: [/\bCSS\b/] },
  { name: 'Groupe Mutuel', strong: [/\bGroupe\s+Mutuel\b/i] },
  { name: 'SWICA', strong: [/\bSWICA\b/i] },
  { name: 'Visana', strong: [/\bVisana\b/i] },
  { name: 'Sanitas', strong: [/\bSanitas\b/i] },
  { name: 'Helsana', strong: [/\bHelsana\b/i] },
  { name: 'Concordia', strong: [/\bConcordia\b/i] },
  { name: 'Assura', strong: [/\bAssura\b/] },
  { name: 'KPT', strong: [/\bKPT\b/] },
  { name: 'Sympany', strong: [/\bSympany\b/i] },
  { name: 'Atupri', strong: [/\bAtupri\b/i] },
  { name: 'ÖKK', strong: [/\b[ÖO]KK\b/] },
  { name: 'EGK', strong: [/\bEGK\b/] },
  { name: 'Swiss Life', strong: [/\bSwiss\s?Life\b/i] },
  { name: 'PAX', strong: [/\bPAX\b/] },
  { name: 'Smile', strong: [/\bsmile\.direct\b/i, /\bSmile\s+Assurances?\b/i] },
  { name: 'TCS', strong: [/\bTCS\b/] },
  { name: 'Elips Life', strong: [/\bElips\s?Life\b/i] },
  { name: 'Simpego', strong: [/\bSimpego\b/i] },
  { name: 'Emmental Assurance', strong: [/\bEmmentale?\s+(?:Assurance|Versicherung)\b/i] },
  { name: 'Coop Protection Juridique', strong: [/\bCoop\s+Protection\s+Juridique\b/i] },
  { name: 'CAP Protection Juridique', strong: [/\bCAP\s+Protection\s+Juridique\b/i] },
  { name: 'Dextra', strong: [/\bDextra\b/i] },
  { name: 'Orion', strong: [/\bOrion\s+(?:Protection|Assurance)/i] },
  { name: 'Protekta', strong: [/\bProtekta\b/i] },
  { name: 'Suva', strong: [/\bSuva\b/i] },
  { name: 'Retraites Populaires', strong: [/\bRetraites\s+Populaires\b/i] },
  { name: 'Youplus', strong: [/\bYouplus\b/i] },
  { name: 'Europ Assistance', strong: [/\bEurop\s+Assistance\b/i] },
  { name: 'Allianz Travel', strong: [/\bAllianz\s+Travel\b/i] },
  { name: 'MAAF', strong: [/\bMAAF\b/] },
  { name: 'MACIF', strong: [/\bMACIF\b/] },
  { name: 'MAIF', strong: [/\bMAIF\b/] },
  { name: 'Groupama', strong: [/\bGroupama\b/i] },
];

/** A line that says who the insurer is: "Assureur : …", "Compagnie : …". */
export const INSURER_LABEL = /(?:^|\b)(?:assureur|compagnie(?:\s+d'assurances?)?|soci[ée]t[ée]\s+d'assurances?|porteur\s+du\s+risque|assurance\s+porteuse)\s*:\s*(.{2,80})$/i;

/** Words that, next to a name, say it is the company itself (its legal form). */
export const LEGAL_FORM = /\b(?:SA|AG|S\.A\.|Assurances?|Compagnie|Insurance|Versicherung(?:en)?|Soci[ée]t[ée]\s+coop[ée]rative|Mutuelle)\b/i;

export function knownInsurerIn(text: string): KnownInsurer | undefined {
  return KNOWN_INSURERS.find((insurer) => [...insurer.strong, ...(insurer.weak ?? [])].some((pattern) => pattern.test(text)));
}
