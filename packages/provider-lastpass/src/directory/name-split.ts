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

/** The `fullname` LastPass stores for a given and a family name (either may be missing). */
export function joinName(givenName: string | undefined, familyName: string | undefined): string {
  return [givenName, familyName]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .join(' ');
}
