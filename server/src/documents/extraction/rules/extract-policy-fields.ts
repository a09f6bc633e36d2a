import { findMoney, type Currency, type MoneyMatch } from './amounts.ts';
import { COVERAGES, type CoverageCode } from './coverages.ts';
import { addYearsMinusOneDay, type DateMatch, findDates } from './dates.ts';
import { INSURER_LABEL, KNOWN_INSURERS, LEGAL_FORM, type KnownInsurer } from './insurers.ts';
import { clampConfidence, normalizeText, snippet, splitLines, type TextLine } from './normalize.ts';

/**
 * The particulars of an insurance policy read from its text — insurer, policy number, premium, start and end dates,
 * kind of cover — each with a confidence from 0 to 100 and the line it was read from, for a person to confirm.
 *
 * Confidence = how well the evidence matched (a labelled value on its own line scores high, a guess from context
 * low), times — for OCR — how sure tesseract was of the words of the value: `quality × (0.5 + 0.5 × ocr / 100)`.
 * Pure: no I/O, never throws, the same text always gives the same answer.
 */
export interface ExtractedField<T> {
  value: T;
  /** 0–100. */
  confidence: number;
  /** The text the value was read from. */
  source: string;
}

export interface Premium {
  /** Minor units (centimes). */
  amount: number;
  currency: Currency;
  period: 'year' | 'month';
}

export interface PolicyFields {
  insurer: ExtractedField<string> | null;
  policyNumber: ExtractedField<string> | null;
  premium: ExtractedField<Premium> | null;
  /** ISO dates. */
  startDate: ExtractedField<string> | null;
  endDate: ExtractedField<string> | null;
  coverageType: ExtractedField<CoverageCode> | null;
}

export interface PolicyExtraction {
  fields: PolicyFields;
  /** Every kind of cover the document mentions enough (a combined household policy has several). */
  coverages: CoverageCode[];
  /** Mean of the five main fields' confidences, a missing field counting 0. */
  overallConfidence: number;
}

/** An OCR word with tesseract's confidence (0–100). */
export interface OcrWord {
  text: string;
  confidence: number;
}

export interface ExtractOptions {
  words?: readonly OcrWord[];
}

export const MAIN_FIELDS = ['insurer', 'policyNumber', 'premium', 'startDate', 'endDate'] as const;

interface Candidate<T> {
  value: T;
  quality: number;
  line: TextLine;
  /** The characters of the value, looked up among the OCR words. */
  valueText: string;
}

export function extractPolicyFields(text: string, options: ExtractOptions = {}): PolicyExtraction {
  const normalized = normalizeText(typeof text === 'string' ? text : '');
  const lines = splitLines(normalized);
  const ocr = ocrConfidenceLookup(options.words);
  const finish = <T>(candidate: Candidate<T> | undefined): ExtractedField<T> | null =>
    candidate ? { value: candidate.value, confidence: clampConfidence(candidate.quality * ocr(candidate.valueText)), source: snippet(candidate.line.text) } : null;

  const dates = findContractDates(lines);
  const coverage = findCoverages(lines);
  const fields: PolicyFields = {
    insurer: finish(findInsurer(lines)),
    policyNumber: finish(findPolicyNumber(lines)),
    premium: finish(findPremium(lines)),
    startDate: finish(dates.start),
    endDate: finish(dates.end),
    coverageType: finish(coverage.primary),
  };
  return { fields, coverages: coverage.all, overallConfidence: overallConfidence(fields) };
}

export function overallConfidence(fields: Pick<PolicyFields, (typeof MAIN_FIELDS)[number]>): number {
  const sum = MAIN_FIELDS.reduce((total, key) => total + (fields[key]?.confidence ?? 0), 0);
  return clampConfidence(sum / MAIN_FIELDS.length);
}

// --- OCR word confidences ---------------------------------------------------------------------------------------

function wordKey(text: string): string {
  return normalizeText(text).toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The factor a value's OCR words bring: 1 for a text layer, from 0.5 (unsure) to 1 (sure) for OCR. */
function ocrConfidenceLookup(words: readonly OcrWord[] | undefined): (valueText: string) => number {
  if (!words || words.length === 0) return () => 1;
  const byKey = new Map<string, number[]>();
  let sum = 0;
  let count = 0;
  for (const word of words) {
    const confidence = Number.isFinite(word?.confidence) ? Math.max(0, Math.min(100, word.confidence)) : 0;
    sum += confidence;
    count++;
    const key = wordKey(String(word?.text ?? ''));
    if (!key) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), confidence]);
  }
  const mean = count ? sum / count : 0;
  return (valueText) => {
    const tokens = valueText.split(/\s+/).map(wordKey).filter(Boolean);
    const found = tokens.map((token) => {
      const exact = byKey.get(token);
      if (exact) return Math.max(...exact);
      // A value may be part of a longer OCR word ("CHF1'234.50"), or the reverse.
      for (const [key, confidences] of byKey) if (key.length >= 3 && (key.includes(token) || token.includes(key))) return Math.max(...confidences);
      return undefined;
    });
    const known = found.filter((c): c is number => c !== undefined);
    const confidence = known.length ? Math.min(...known) : mean;
    return 0.5 + (0.5 * confidence) / 100;
  };
}

// --- Insurer ---------------------------------------------------------------------------------------------------

function findInsurer(lines: TextLine[]): Candidate<string> | undefined {
  for (const line of lines) {
    const labelled = INSURER_LABEL.exec(line.text);
    if (!labelled) continue;
    const named = labelled[1]!.trim();
    const known = KNOWN_INSURERS.find((insurer) => insurer.strong.some((p) => p.test(named)) || insurer.weak?.some((p) => p.test(named)));
    if (known) return { value: known.name, quality: 97, line, valueText: named };
    const name = named.replace(/[,;].*$/, '').trim();
    if (/\p{L}{2}/u.test(name) && name.length <= 60) return { value: name, quality: 70, line, valueText: name };
  }
  const scored = KNOWN_INSURERS.map((insurer) => scoreInsurer(insurer, lines)).filter((s): s is InsurerScore => s !== undefined);
  if (scored.length === 0) return undefined;
  scored.sort((a, b) => b.score - a.score || a.firstLine - b.firstLine);
  const best = scored[0]!;
  const rival = scored[1];
  const quality = rival && best.score - rival.score < 5 ? best.score - 15 : best.score;
  return { value: best.insurer.name, quality, line: best.line, valueText: best.matched };
}

interface InsurerScore {
  insurer: KnownInsurer;
  score: number;
  firstLine: number;
  line: TextLine;
  matched: string;
}

function scoreInsurer(insurer: KnownInsurer, lines: TextLine[]): InsurerScore | undefined {
  let strong = 0;
  let weak = 0;
  let first: { line: TextLine; matched: string } | undefined;
  let legalForm = false;
  for (const line of lines) {
    for (const pattern of insurer.strong) {
      const match = pattern.exec(line.text);
      if (!match) continue;
      strong++;
      first ??= { line, matched: match[0] };
      if (LEGAL_FORM.test(line.text)) legalForm = true;
    }
    if (strong === 0) {
      for (const pattern of insurer.weak ?? []) {
        const match = pattern.exec(line.text);
        if (!match) continue;
        weak++;
        first ??= { line, matched: match[0] };
      }
    }
  }
  if (!first) return undefined;
  let score = strong > 0 ? 80 : 50;
  if (strong > 0 && first.line.index < 5) score += 5;
  if (legalForm) score += 5;
  if (strong + weak >= 2) score += 3;
  return { insurer, score: Math.min(95, score), firstLine: first.line.index, line: first.line, matched: first.matched };
}

// --- Policy number ---------------------------------------------------------------------------------------------

const POLICY_LABELS: { pattern: RegExp; quality: number }[] = [
  { pattern: /(?:n[°ºo]\.?|num[ée]ro|no\.?|nr\.?)\s*(?:de\s+(?:la\s+)?)?police|police\s*(?:n[°ºo]\.?|num[ée]ro|no\.?|nr\.?)|policen?-?\s*nr\.?|policy\s+(?:no\.?|number)/i, quality: 95 },
  { pattern: /(?:n[°ºo]\.?|num[ée]ro)\s*(?:de\s+|du\s+)?contrat|contrat\s*(?:n[°ºo]\.?|num[ée]ro)/i, quality: 90 },
  { pattern: /(?:n[°ºo]\.?|num[ée]ro)\s*(?:d'\s?)?assur[ée](?:\(e\))?|n[°ºo]\s*(?:de\s+)?client/i, quality: 60 },
];
const POLICY_VALUE = /^\s*[:.\-–]?\s*([A-Z0-9](?:[A-Z0-9./-]|\s(?=\d))*[A-Z0-9])/i;

function findPolicyNumber(lines: TextLine[]): Candidate<string> | undefined {
  let best: Candidate<string> | undefined;
  for (const { pattern, quality } of POLICY_LABELS) {
    for (const [i, line] of lines.entries()) {
      const label = pattern.exec(line.text);
      if (!label) continue;
      const after = line.text.slice((label.index ?? 0) + label[0].length);
      let value = policyValue(after);
      let found = quality;
      let at = line;
      if (!value && after.trim().replace(/[:.\-–]/g, '') === '' && lines[i + 1]) {
        value = policyValue(lines[i + 1]!.text);
        found = quality - 10;
        at = lines[i + 1]!;
      }
      if (!value) continue;
      if (value.replace(/\D/g, '').length < 5) found -= 10;
      if (!best || found > best.quality) best = { value, quality: found, line: at, valueText: value };
      break;
    }
  }
  return best;
}

function policyValue(text: string): string | undefined {
  const match = POLICY_VALUE.exec(text);
  if (!match) return undefined;
  const value = match[1]!.replace(/\s+/g, ' ').toUpperCase();
  const digits = value.replace(/\D/g, '').length;
  if (digits < 3 || value.length < 4 || value.length > 40) return undefined;
  // A date or an amount is not a policy number.
  if (findDates(value).some((d) => d.raw.length >= value.length - 1)) return undefined;
  return value;
}

// --- Premium ---------------------------------------------------------------------------------------------------

type PremiumPeriod = 'year' | 'month' | 'half' | 'quarter' | undefined;

const PREMIUM_LABELS: { pattern: RegExp; quality: number; period: PremiumPeriod }[] = [
  { pattern: /(?:prime|cotisation)s?\s+(?:annuelle|par\s+an(?:n[ée]e)?)\s+(?:totale|brute|TTC|à\s+payer)/i, quality: 97, period: 'year' },
  { pattern: /(?:prime|cotisation)s?\s+(?:totale|brute)\s+(?:annuelle|par\s+an(?:n[ée]e)?)/i, quality: 97, period: 'year' },
  { pattern: /(?:prime|cotisation)s?\s+(?:mensuelle|par\s+mois)\s+(?:totale|brute|TTC|à\s+payer)/i, quality: 97, period: 'month' },
  { pattern: /(?:prime|cotisation)s?\s+(?:totale|brute)\s+(?:mensuelle|par\s+mois)/i, quality: 97, period: 'month' },
  { pattern: /(?:prime|cotisation)s?\s+(?:annuelle|par\s+an(?:n[ée]e)?)/i, quality: 95, period: 'year' },
  { pattern: /(?:prime|cotisation)s?\s+(?:mensuelle|par\s+mois)/i, quality: 95, period: 'month' },
  { pattern: /(?:prime|cotisation)s?\s+semestrielle/i, quality: 80, period: 'half' },
  { pattern: /(?:prime|cotisation)s?\s+trimestrielle/i, quality: 80, period: 'quarter' },
  { pattern: /prime\s+totale|total\s+(?:de\s+la\s+)?prime|montant\s+(?:total\s+)?(?:de\s+la\s+)?prime|total\s+à\s+payer|montant\s+à\s+payer/i, quality: 90, period: undefined },
  { pattern: /prime\s+nette/i, quality: 80, period: undefined },
  { pattern: /\bprimes?\b/i, quality: 65, period: undefined },
];
/** Lines about something else than what the policy costs. */
const NOT_PREMIUM = /timbre|\btaxe\b|rabais|r[ée]duction|franchise|somme\s+assur[ée]e|capital|plafond|participation|quote-part/i;

function periodFromContext(text: string): PremiumPeriod {
  if (/par\s+mois|\/\s?mois|mensuel/i.test(text)) return 'month';
  if (/par\s+an|\/\s?an\b|annuel|par\s+ann[ée]e/i.test(text)) return 'year';
  if (/semestri/i.test(text)) return 'half';
  if (/trimestri/i.test(text)) return 'quarter';
  return undefined;
}

function findPremium(lines: TextLine[]): Candidate<Premium> | undefined {
  let best: Candidate<Premium> | undefined;
  for (const label of PREMIUM_LABELS) {
    for (const [i, line] of lines.entries()) {
      const match = label.pattern.exec(line.text);
      if (!match) continue;
      const after = line.text.slice((match.index ?? 0) + match[0].length);
      if (NOT_PREMIUM.test(line.text.slice(0, match.index ?? 0) + match[0]) || NOT_PREMIUM.test(after.split(/\d/)[0] ?? '')) continue;
      let money = pickMoney(findMoney(after));
      let quality = label.quality;
      let at = line;
      if (!money && !/\d/.test(after) && lines[i + 1]) {
        money = pickMoney(findMoney(lines[i + 1]!.text));
        quality -= 10;
        at = lines[i + 1]!;
      }
      if (!money || money.amount <= 0) continue;
      let period = label.period ?? periodFromContext(after) ?? periodFromContext(line.text);
      if (!period) {
        // Swiss policies quote the yearly premium unless they say otherwise.
        period = 'year';
        quality -= 15;
      }
      if (!money.currency) quality -= 15;
      let amount = money.amount;
      if (period === 'half' || period === 'quarter') {
        amount *= period === 'half' ? 2 : 4;
        period = 'year';
        quality -= 10;
      }
      const candidate: Candidate<Premium> = { value: { amount, currency: money.currency ?? 'CHF', period }, quality, line: at, valueText: money.raw };
      if (!best || candidate.quality > best.quality) best = candidate;
      break;
    }
    if (best && best.quality >= label.quality) break;
  }
  return best;
}

/** The first amount with a currency, else the first amount with decimals (a bare "3" is a count, not a premium). */
function pickMoney(found: MoneyMatch[]): MoneyMatch | undefined {
  return found.find((m) => m.currency) ?? found.find((m) => /[.,]\s?(?:\d{2}|[-–—])/.test(m.raw));
}

// --- Dates -----------------------------------------------------------------------------------------------------

const START_LABEL = /d[ée]but(?:\s+(?:du\s+contrat|de\s+l'assurance|de\s+la\s+couverture|de\s+la\s+police|des\s+prestations))?|date\s+de\s+d[ée]but|entr[ée]e\s+en\s+vigueur|date\s+d'effet|prise\s+d'effet|valable\s+(?:d[èe]s|du|à\s+partir\s+du)|en\s+vigueur\s+(?:d[èe]s|depuis|le|du)|assur[ée]e?\s+d[èe]s/i;
const END_LABEL = /[ée]ch[ée]ance(?:\s+(?:du\s+contrat|principale|de\s+la\s+police|finale|contractuelle))?|expiration|fin\s+(?:du\s+contrat|de\s+l'assurance|de\s+la\s+couverture|de\s+la\s+police)|date\s+de\s+fin|valable\s+jusqu'\s?au|jusqu'\s?au|expire\s+le/i;
/** "Échéance de prime/paiement" is when the premium is due, not when the contract ends. */
const PAYMENT_DUE = /[ée]ch[ée]ance\s+(?:de\s+(?:la\s+)?)?(?:prime|paiement|facture)/i;
const RANGE = /^DATE\s*(?:au|-|–|—|à|jusqu'\s?au)\s*DATE$/i;
const DURATION = /dur[ée]e(?:\s+(?:du\s+contrat|de\s+l'assurance|contractuelle))?\s*:?\s*(\d{1,2})\s+(?:ans?|ann[ée]es?)/i;
const RANGE_CONTEXT = /dur[ée]e|p[ée]riode|validit[ée]|valable|couverture|contrat|assurance/i;

interface ContractDates {
  start?: Candidate<string>;
  end?: Candidate<string>;
}

function dateAfter(line: TextLine, from: number): DateMatch | undefined {
  return findDates(line.text.slice(from)).find((d) => d.index <= 60);
}

function findContractDates(lines: TextLine[]): ContractDates {
  const found: ContractDates = {};
  const offer = (which: 'start' | 'end', candidate: Candidate<string>) => {
    const current = found[which];
    if (!current || candidate.quality > current.quality) found[which] = candidate;
  };
  for (const [i, line] of lines.entries()) {
    const dates = findDates(line.text);
    // "du 01.01.2026 au 31.12.2026", "Durée du contrat : 01.01.2026 – 31.12.2028"
    if (dates.length >= 2) {
      for (let k = 0; k + 1 < dates.length; k++) {
        const between = line.text.slice(dates[k]!.index + dates[k]!.raw.length, dates[k + 1]!.index);
        if (!RANGE.test(`DATE${between}DATE`)) continue;
        const context = RANGE_CONTEXT.test(line.text) || (lines[i - 1] && RANGE_CONTEXT.test(lines[i - 1]!.text));
        const quality = context ? 92 : 75;
        if (dates[k]!.iso < dates[k + 1]!.iso) {
          offer('start', { value: dates[k]!.iso, quality, line, valueText: dates[k]!.raw });
          offer('end', { value: dates[k + 1]!.iso, quality, line, valueText: dates[k + 1]!.raw });
        }
        break;
      }
    }
    for (const [which, pattern] of [['start', START_LABEL], ['end', END_LABEL]] as const) {
      const label = pattern.exec(line.text);
      if (!label) continue;
      if (which === 'end' && PAYMENT_DUE.test(line.text)) continue;
      const from = (label.index ?? 0) + label[0].length;
      let date = dateAfter(line, from);
      let quality = 92;
      let at = line;
      if (!date && !/\d/.test(line.text.slice(from)) && lines[i + 1]) {
        date = dateAfter(lines[i + 1]!, 0);
        quality = 80;
        at = lines[i + 1]!;
      }
      if (date) offer(which, { value: date.iso, quality: /^[ée]ch[ée]ance$/i.test(label[0]) ? quality - 7 : quality, line: at, valueText: date.raw });
    }
  }
  if (found.start && !found.end) {
    for (const line of lines) {
      const duration = DURATION.exec(line.text);
      const years = duration ? Number(duration[1]) : 0;
      if (years >= 1 && years <= 30) {
        found.end = { value: addYearsMinusOneDay(found.start.value, years), quality: 70, line, valueText: duration![0] };
        break;
      }
    }
  }
  if (found.start && found.end && found.start.value >= found.end.value) {
    found.start = { ...found.start, quality: found.start.quality - 30 };
    found.end = { ...found.end, quality: found.end.quality - 30 };
  }
  return found;
}

// --- Coverage --------------------------------------------------------------------------------------------------

function findCoverages(lines: TextLine[]): { primary?: Candidate<CoverageCode>; all: CoverageCode[] } {
  const scores: { code: CoverageCode; score: number; first: TextLine; matched: string }[] = [];
  for (const coverage of COVERAGES) {
    let score = 0;
    let first: { line: TextLine; matched: string } | undefined;
    for (const line of lines) {
      for (const { pattern, weight } of coverage.patterns) {
        const match = pattern.exec(line.text);
        if (!match) continue;
        score += line.index < 5 ? weight * 2 : weight;
        first ??= { line, matched: match[0] };
      }
    }
    if (first && score >= 2) scores.push({ code: coverage.code, score, first: first.line, matched: first.matched });
  }
  if (scores.length === 0) return { all: [] };
  scores.sort((a, b) => b.score - a.score || a.first.index - b.first.index);
  const best = scores[0]!;
  let quality = best.first.index < 5 ? 90 : best.score >= 6 ? 85 : best.score >= 3 ? 75 : 60;
  if (scores[1] && scores[1].score === best.score) quality -= 10;
  return {
    primary: { value: best.code, quality, line: best.first, valueText: best.matched },
    all: scores.map((s) => s.code),
  };
}
