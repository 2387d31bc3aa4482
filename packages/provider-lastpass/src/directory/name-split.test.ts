import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinName, NAME_PARTICLES, splitFullName } from './name-split.js';

const collapse = (name: string) => name.trim().split(/\s+/).join(' ');

describe('splitFullName', () => {
  it.each([
    ['Mary Ann van der Berg', 'Mary Ann', 'van der Berg'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Charles de Gaulle', 'Charles', 'de Gaulle'],
    ['Juan Carlos de la Cruz', 'Juan Carlos', 'de la Cruz'],
    ['Leonardo da Vinci', 'Leonardo', 'da Vinci'],
    ['Mohammed bin Salman', 'Mohammed', 'bin Salman'],
    ['Omar al Rashid', 'Omar', 'al Rashid'],
    ['Anna Maria della Rovere', 'Anna Maria', 'della Rovere'],
    ['Alice Example', 'Alice', 'Example'],
    ['Jean Paul Sartre', 'Jean Paul', 'Sartre'],
    ["Siobhán O'Brien", 'Siobhán', "O'Brien"],
    ['Vincent Van Gogh', 'Vincent Van', 'Gogh'],
    ['Anna de', 'Anna', 'de'],
    ['van Gogh', 'van', 'Gogh'],
  ])('splits %j into %j + %j', (fullname, givenName, familyName) => {
    expect(splitFullName(fullname)).toEqual({ givenName, familyName });
  });

  it('splits every name as the token rule does, two-word names included (property)', () => {
    // The rule as documented, without the one- and two-word shortcut the implementation takes.
    const byTokens = (fullname: string) => {
      const tokens = fullname
        .trim()
        .split(/\s+/)
        .filter((token) => token !== '');
      if (tokens.length === 0) return {};
      if (tokens.length === 1) return { givenName: tokens[0] };
      const particle = tokens.findIndex((token, index) => index > 0 && NAME_PARTICLES.has(token));
      const cut = particle > 0 ? particle : tokens.length - 1;
      return { givenName: tokens.slice(0, cut).join(' '), familyName: tokens.slice(cut).join(' ') };
    };
    const piece = fc.oneof(
      fc.constantFrom('Ada', 'van', 'de', 'Lovelace', 'Zoë', '李', 'a'),
      fc.constantFrom(
        ' ',
        '  ',
        '\t',
        '\n',
        '\u00a0',
        '\u1680',
        '\u2003',
        '\u3000',
        '\ufeff',
        '\u0085',
        '\u200b',
      ),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const fullname = pieces.join('');
        expect(splitFullName(fullname)).toStrictEqual(byTokens(fullname));
      }),
      { numRuns: 3_000 },
    );
  });

  it('keeps a single word as the given name only', () => {
    expect(splitFullName('Cher')).toEqual({ givenName: 'Cher' });
  });

  it('returns no parts for an empty or blank name', () => {
    expect(splitFullName('')).toEqual({});
    expect(splitFullName('   ')).toEqual({});
  });

  it('never drops a part: given + " " + family is the whitespace-collapsed name', () => {
    const names = [
      'Mary Ann van der Berg',
      '  Mary   Ann  van der   Berg ',
      'José María García de la Torre y Ruiz',
      'A B C D E F',
      'Émilie du Châtelet',
      '李 小龍',
      'Ada\tLovelace',
      'Karl-Theodor zu Guttenberg',
      'Pieter ter Horst van Dam',
    ];
    for (const name of names) {
      const { givenName, familyName } = splitFullName(name);
      expect([givenName, familyName].filter(Boolean).join(' '), name).toBe(collapse(name));
    }
  });

  it('round-trips through joinName for names with one space between words', () => {
    for (const name of ['Mary Ann van der Berg', 'Alice Example', 'Grace Hopper 12', 'Cher']) {
      const { givenName, familyName } = splitFullName(name);
      expect(joinName(givenName, familyName)).toBe(name);
    }
  });
});

describe('joinName', () => {
  it('joins the parts that are present', () => {
    expect(joinName('Ada', 'Lovelace')).toBe('Ada Lovelace');
    expect(joinName('Ada', undefined)).toBe('Ada');
    expect(joinName(undefined, 'Lovelace')).toBe('Lovelace');
    expect(joinName(' ', '')).toBe('');
  });

  it('joins as the parts trimmed and joined by one space would (property)', () => {
    const part = fc.option(fc.stringMatching(/^[ \tA-Za-z\u00a0\u3000]{0,6}$/), { nil: undefined });
    fc.assert(
      fc.property(part, part, (given, family) => {
        const expected = [given, family]
          .map((name) => name?.trim() ?? '')
          .filter((name) => name !== '')
          .join(' ');
        expect(joinName(given, family)).toBe(expected);
      }),
    );
  });
});
