/**
 * Text as PDFs and OCR give it, made comparable: one apostrophe, plain spaces, no soft hyphens, at most
 * `MAX_TEXT_CHARS` characters (a policy's first pages carry its particulars; general conditions add nothing here).
 */
export const MAX_TEXT_CHARS = 200_000;

export function normalizeText(text: string): string {
  return String(text ?? '')
    .slice(0, MAX_TEXT_CHARS)
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02BC\u02B9\u0060\u00B4\u2032]/g, "'")
    .replace(/[\u00A0\u2007\u2009\u202F\t]/g, ' ')
    .replace(/\u00AD/g, '')
    .replace(/\r\n?/g, '\n');
}

/** Lines with their offsets in the normalised text, so a match can be traced back to OCR words. */
export interface TextLine {
  text: string;
  index: number;
  start: number;
}

export function splitLines(normalized: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  let index = 0;
  for (const text of normalized.split('\n')) {
    lines.push({ text, index: index++, start });
    start += text.length + 1;
  }
  return lines;
}

/** A field's evidence shown to the person who checks it: the line, trimmed and shortened. */
export function snippet(text: string, max = 120): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export function clampConfidence(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.max(0, Math.min(100, Math.round(value)));
}
