/** Name material for realistic seeding: particles, diacritics, apostrophes and hyphens on purpose. */
export const GIVEN_NAMES = [
  'Mary Ann',
  'José',
  'Zoë',
  'Li',
  'Oluwaseun',
  'Anne-Marie',
  'Siobhán',
  'Jean-Luc',
  'Aarav',
  'Mei',
  'Björn',
  'Fatima',
  'Dmitri',
  'Ngozi',
  'Pedro',
  'Emma',
  'Noah',
  'Sophie',
  'Mohammed',
  'Hiroshi',
  'Priya',
  'Lucas',
  'Chloé',
  'Ahmed',
  'Olga',
  'Kwame',
  'Ana',
  'Liam',
  'Yuki',
  'Søren',
] as const;

export const FAMILY_NAMES = [
  'van der Berg',
  "O'Brien",
  'García Márquez',
  'Nguyen',
  'Müller',
  'de la Cruz',
  'Smith',
  'Kowalski',
  'Okafor',
  'Zhang',
  'Johansson',
  'Al-Sayed',
  'MacDonald',
  'Dubois',
  'Rossi',
  'Papadopoulos',
  'Kim',
  'Fernández',
  'Van Dyke',
  'St. John',
  'Østergaard',
  'Sato',
  'Patel',
  'Ivanova',
  'Murphy',
  'Schmidt',
  'da Silva',
  'Nakamura',
  'Lefèvre',
  'Haddad',
] as const;

/** Reserved example domains (RFC 2606) only, varied in depth and TLD. */
export const DOMAINS = [
  'example.com',
  'example.org',
  'corp.example.net',
  'eu.example.com',
  'example.co.uk',
  'sub.example.io',
] as const;

export const DEFAULT_GROUPS = [
  'Engineering',
  'Finance',
  'Sales',
  'Marketing',
  'Human Resources',
  'IT Ops',
  'Legal',
  'Support',
] as const;

export const MULTIFACTOR_TYPES = ['lastpassauth', 'duo', 'googleauth', 'microsoftauth'] as const;

export const SITE_DOMAINS = [
  'github.com',
  'aws.amazon.com',
  'salesforce.com',
  'slack.com',
  'atlassian.net',
  'zoom.us',
  'figma.com',
] as const;

export const FOLDER_NAMES = [
  'Shared-Ops',
  'Shared-Finance',
  'Shared-Marketing Assets',
  'Shared-Legal',
] as const;

const FOLDED: Record<string, string> = { ø: 'o', æ: 'ae', ß: 'ss', ł: 'l', đ: 'd' };

/** "Mary Ann" + "van der Berg" → "maryann.vanderberg". */
export function emailLocalPart(given: string, family: string): string {
  const fold = (text: string) =>
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[øæßłđ]/g, (char) => FOLDED[char] ?? '')
      .replace(/[^a-z0-9-]/g, '');
  return `${fold(given)}.${fold(family)}`;
}
