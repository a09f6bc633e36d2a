import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, type PasswordProblemCode } from './password-policy.ts';

const codesOf = (password: string, context = {}): PasswordProblemCode[] => {
  const result = checkPasswordPolicy(password, context);
  return result.ok ? [] : result.problems.map((problem) => problem.code);
};

describe('common password list', () => {
  it('holds about 300 lower-case entries, French ones included', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(250);
    expect(COMMON_PASSWORDS.size).toBeLessThanOrEqual(400);
    for (const entry of COMMON_PASSWORDS) expect(entry).toBe(entry.toLowerCase().trim());
    for (const french of [
      'azerty', 'motdepasse', 'soleil', 'bonjour', 'doudou', 'marseille', 'loulou', 'chouchou', 'azertyuiop',
      '123456789', 'motdepasse123', 'jetaime', '123456', 'password',
    ]) {
      expect(COMMON_PASSWORDS.has(french), french).toBe(true);
    }
  });
});

describe('checkPasswordPolicy', () => {
  it('accepts the demo password', () => {
    expect(checkPasswordPolicy('comptoir-demo', {})).toEqual({ ok: true });
    expect(checkPasswordPolicy('comptoir-demo', { email: 'demo@comptoir.test', displayName: 'Démo' })).toEqual({
      ok: true,
    });
  });

  it.each([
    'correct horse battery staple',
    'Le chat dort sur le radiateur',
    'vélo-rouge-à-Genève',
    'tJ8#pQ2!vX9z',
    'lowercaseonlyphrase',
  ])('accepts %j without any composition rule', (password) => {
    expect(checkPasswordPolicy(password, { email: 'alice@example.com', displayName: 'Alice Martin' })).toEqual({
      ok: true,
    });
  });

  describe('length', () => {
    it('requires 12 characters', () => {
      expect(codesOf('tJ8#pQ2!vX9')).toEqual(['too_short']);
      expect(codesOf('tJ8#pQ2!vX9z')).toEqual([]);
    });

    it('counts code points, not UTF-16 units', () => {
      const eleven = '😀🎉🔐🌍🍕🚀🎸🐱🌈🍀⚽';
      expect(eleven.length).toBe(21);
      expect(codesOf(eleven)).toEqual(['too_short']);
      expect(codesOf(`${eleven}🎲`)).toEqual([]);
    });

    it(`allows up to ${PASSWORD_MAX_LENGTH} characters`, () => {
      const words = 'le petit cheval blanc trotte dans la prairie verte sous un ciel gris ';
      const long = words.repeat(4).slice(0, PASSWORD_MAX_LENGTH);
      expect(codesOf(long)).toEqual([]);
      expect(codesOf(`${long}x`)).toEqual(['too_long']);
    });

    it('reports too_short for every string under 12 code points', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 11 }), (password) => {
          fc.pre([...password].length < 12);
          return codesOf(password).includes('too_short');
        }),
      );
    });
  });

  describe('common and breached passwords', () => {
    it.each([
      'motdepasse123',
      'MotDePasse123',
      'Azertyuiop12',
      'azertyuiop!!',
      'Marseille2024!',
      'Chouchou1234',
      'JETAIME123456',
      'Password1234!',
      'Mot-de-passe-2024',
      'mot de passe 2024',
      'Bonjour 2024 !!',
      'Comptoir2024!',
    ])('refuses %j', (password) => {
      expect(codesOf(password)).toContain('common');
    });

    it('refuses every list entry in any case followed by digits or symbols', () => {
      const entries = [...COMMON_PASSWORDS].filter((entry) => /\p{L}$/u.test(entry));
      fc.assert(
        fc.property(
          fc.constantFrom(...entries),
          fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
          fc.stringMatching(/^[0-9!?.*#@$ _-]{0,12}$/),
          (entry, upper, suffix) => {
            const cased = [...entry].map((char, i) => (upper[i] ? char.toUpperCase() : char)).join('');
            return codesOf(cased + suffix).includes('common');
          },
        ),
      );
    });

    it('does not refuse a password that merely contains a common word', () => {
      expect(codesOf('soleil-de-minuit-sur-tromso')).toEqual([]);
      expect(codesOf('2024 azerty dans le bus')).toEqual([]);
    });
  });

  describe('personal data', () => {
    const context = { email: 'Jean.Dupont@Exemple.fr', displayName: 'Jean-Pierre Lefèvre' };

    it.each(['jean.dupont@exemple.fr', 'JEAN.DUPONT@EXEMPLE.FR', 'jean.dupont2024', 'Jean.Dupont!!!!'])(
      'refuses the e-mail address or its local part: %j',
      (password) => {
        expect(codesOf(password, context)).toContain('same_as_email');
      },
    );

    it.each(['Jean-Pierre Lefèvre', 'jeanpierrelefevre', 'JeanPierreLefevre2024'])(
      'refuses the display name: %j',
      (password) => {
        expect(codesOf(password, context)).toContain('same_as_name');
      },
    );

    it('accepts a password that only contains part of the name', () => {
      expect(codesOf('jean aime les pommes vertes', context)).toEqual([]);
    });

    it('ignores absent or empty personal data', () => {
      expect(codesOf('tJ8#pQ2!vX9z', { email: '', displayName: '' })).toEqual([]);
    });
  });

  describe('repetitions and sequences', () => {
    it.each([
      ['aaaaaaaaaaaa', 'repetitive'],
      ['ééééééééééééé', 'repetitive'],
      ['abcabcabcabc', 'repetitive'],
      ['1212121212121', 'repetitive'],
      ['123456789012', 'sequential'],
      ['abcdefghijkl', 'sequential'],
      ['ABCDEFGHIJKL', 'sequential'],
      ['zyxwvutsrqpo', 'sequential'],
      ['987654321098', 'sequential'],
      ['xyzabcdefghi', 'sequential'],
      ['azertyuiopqs', 'sequential'],
      ['qwertzuiopas', 'sequential'],
      ['lkjhgfdsapoiu', 'sequential'],
    ])('refuses %j (%s)', (password, code) => {
      expect(codesOf(password)).toContain(code);
    });

    it('refuses a repeated capital sigma or emoji (one character each, whatever the case rules of the whole string)', () => {
      expect(codesOf('Σ'.repeat(12))).toContain('repetitive');
      expect(codesOf('👨‍👩‍👧‍👦'.repeat(12))).toContain('repetitive');
    });

    it('refuses any single character repeated', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), fc.integer({ min: 12, max: 40 }), (char, n) =>
          codesOf(char.repeat(n)).includes('repetitive'),
        ),
      );
    });

    it('refuses any run of consecutive digits', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 12, max: 30 }), fc.boolean(), (start, n, up) => {
          const digits = Array.from({ length: n }, (_, i) => (start + (up ? i : -i) + 100) % 10).join('');
          return codesOf(digits).includes('sequential');
        }),
      );
    });

    it('accepts near-sequences that are not simple', () => {
      expect(codesOf('135792468013')).toEqual([]);
      expect(codesOf('abcdefghijkm')).toEqual([]);
    });
  });

  it('reports every problem at once, with French messages', () => {
    const result = checkPasswordPolicy('aaaa', {});
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: 'too_short', message: 'Le mot de passe doit contenir au moins 12 caractères.' },
        { code: 'repetitive', message: 'Le mot de passe ne doit pas répéter un même caractère ou un même motif court.' },
      ],
    });
  });
});
