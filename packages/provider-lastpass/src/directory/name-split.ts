/**
 * Lower-case particles that start a family name ("van der Berg", "de la Cruz", "bin Salman"). The
 * list errs towards common European and Arabic particles; a capitalised "Van" is a given name.
 */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'af',
  'al',
  'av',
  'bin',
  'binti',
  'da',
  'das',
  'de',
  'degli',
  'del',
  'della',
  'dello',
  'den',
  'der',
  'di',
  'do',
  'dos',
  'du',
  'el',
  'ibn',
  'la',
  'le',
  'lo',
  'ten',
  'ter',
  'van',
  'von',
  'zu',
]);

export interface NameParts {
  readonly givenName?: string;
  readonly familyName?: string;
}

/**
 * Splits a LastPass `fullname` (one free-text field) into given and family names without ever
 * dropping a part: the family name starts at the first lower-case particle after the first token,
 * else at the last token; a single token is a given name only. Whitespace runs become one space, so
 * `givenName + ' ' + familyName` is always the whitespace-collapsed full name.
 */
export function splitFullName(fullname: string): NameParts {
  const plain = plainName(fullname);
  if (plain !== undefined) return plain;
  const tokens = fullname
    .trim()
    .split(/\s+/)
    .filter((token) => token !== '');
  if (tokens.length === 0) return {};
  if (tokens.length === 1) return { givenName: tokens[0]! };
  const particle = tokens.findIndex((token, index) => index > 0 && NAME_PARTICLES.has(token));
  const cut = particle > 0 ? particle : tokens.length - 1;
  return { givenName: tokens.slice(0, cut).join(' '), familyName: tokens.slice(cut).join(' ') };
}

const SPACE = 32;

/**
 * The common cases, one word ("Cher") or two words and one space ("Ada Lovelace"), read without
 * splitting: one token is a given name, two tokens always cut between them, particle or not (a
 * bulk create's read-back maps thousands of such names). Undefined for anything else, or any
 * character that may be whitespace to `\s` (control characters, NBSP and the Unicode spaces from
 * U+1680 up are all left to the general path).
 */
function plainName(fullname: string): NameParts | undefined {
  let space = -1;
  for (let index = 0; index < fullname.length; index++) {
    const code = fullname.charCodeAt(index);
    if (code > SPACE && code !== 0xa0 && code < 0x1680) continue;
    if (code !== SPACE || space !== -1) return undefined;
    space = index;
  }
  if (space === -1) return fullname === '' ? undefined : { givenName: fullname };
  if (space === 0 || space === fullname.length - 1) return undefined;
  return { givenName: fullname.slice(0, space), familyName: fullname.slice(space + 1) };
}

/** The `fullname` LastPass stores for a given and a family name (either may be missing). */
export function joinName(givenName: string | undefined, familyName: string | undefined): string {
  // Without arrays: `createUsers` joins a name per item of batches of thousands.
  const given = givenName?.trim() ?? '';
  const family = familyName?.trim() ?? '';
  if (given === '') return family;
  return family === '' ? given : `${given} ${family}`;
}
