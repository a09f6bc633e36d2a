import { describe, expect, it } from 'vitest';
import { noteSubjectCodes } from './note-subjects.ts';

describe('note subject codes (BT-21)', () => {
  it('codes the French payment mentions PMD, PMT and AAB', () => {
    expect(
      noteSubjectCodes([
        'Exonération de TVA, article 261-4-4° a du CGI.',
        'Pénalités de retard : trois fois le taux d’intérêt légal.',
        'Indemnité forfaitaire pour frais de recouvrement : 40 €.',
        'Pas d’escompte pour paiement anticipé.',
      ]),
    ).toEqual([null, 'PMD', 'PMT', 'AAB']);
  });

  it('leaves a note uncoded when it mixes two mentions, or repeats a code already used', () => {
    const mixed = 'Pénalités de retard : trois fois le taux d’intérêt légal. Indemnité forfaitaire pour frais de recouvrement : 40 €.';
    expect(noteSubjectCodes([mixed, 'Pas d’escompte.', 'Aucun escompte.'])).toEqual([null, 'AAB', null]);
  });
});
