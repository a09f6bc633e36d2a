/**
 * Subject codes (BT-21, UNTDID 4451) for the invoice notes (BT-22). The French e-invoicing rules (CIUS-FR, BR-FR-05)
 * expect the legal payment mentions as coded notes: PMD late-payment penalties, PMT the €40 recovery indemnity, AAB
 * the (absence of) early-payment discount — each code at most once.
 *
 * The invoice document carries notes as plain text, so the code is recognised from the wording of the mentions
 * Comptoir writes. A note that matches none, or several (one note cannot carry two codes), or a code already used,
 * goes out without a code: an uncoded note is always correct, a wrong code is not.
 */
export type NoteSubjectCode = 'PMD' | 'PMT' | 'AAB';

const SUBJECTS: [NoteSubjectCode, RegExp][] = [
  ['PMD', /p[ée]nalit[ée]s?\s+de\s+retard|late[-\s]payment\s+(penalt|interest)/i],
  ['PMT', /indemnit[ée]\s+forfaitaire|frais\s+de\s+recouvrement|recovery\s+(fee|costs|indemnity)/i],
  ['AAB', /escompte|early[-\s]payment\s+discount/i],
];

export function noteSubjectCodes(notes: readonly string[]): (NoteSubjectCode | null)[] {
  const used = new Set<NoteSubjectCode>();
  return notes.map((note) => {
    const matches = SUBJECTS.filter(([, pattern]) => pattern.test(note)).map(([code]) => code);
    const code = matches.length === 1 ? matches[0]! : null;
    if (!code || used.has(code)) return null;
    used.add(code);
    return code;
  });
}
