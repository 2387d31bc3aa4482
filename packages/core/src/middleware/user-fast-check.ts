import type { Attributes } from '../model/primitives.js';
import { IsoTimestamp } from '../model/primitives.js';
import type { User } from '../model/user.js';

// Every user a provider returns is checked against `User`. A 100k-user listing made that zod parse
// its largest cost in time and in short-lived garbage, so this reader checks the common case by
// hand and builds the same fresh object zod would (unknown keys dropped, arrays and attributes
// copied). On anything it is not certain of it answers `undefined` and the schema decides, naming
// the offending field. A test feeds both the same varied values and requires the same result.

// The very pattern `IsoTimestamp` checks with (a zod parse per timestamp allocates more than the
// rest of the check); without one, the schema itself is asked.
const ISO_PATTERN: RegExp | undefined = IsoTimestamp.def.pattern;
const isIsoTimestamp = (text: string) =>
  isPlainIsoTimestamp(text) ||
  (ISO_PATTERN === undefined ? IsoTimestamp.safeParse(text).success : ISO_PATTERN.test(text));

const ZERO = 48;
const DASH = 45;
const COLON = 58;
const PLUS = 43;
const LETTER_T = 84;
const LETTER_Z = 90;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number of `length` digits at `from`, or -1. */
function digitsAt(text: string, from: number, length: number): number {
  let value = 0;
  for (let index = from; index < from + length; index++) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * True for the common shapes `YYYY-MM-DDTHH:MM:SSZ` and `YYYY-MM-DDTHH:MM:SS±HH:MM` with a real
 * date and time, read by hand (the pattern, with its leap-year alternatives, was a large share of
 * a listing's checks); false sends anything else to the pattern, which decides.
 */
function isPlainIsoTimestamp(text: string): boolean {
  const zulu = text.length === 20;
  if (!zulu && text.length !== 25) return false;
  // Character codes, not `text[i]`: indexing a string that was built by concatenation flattens or
  // allocates, and this runs twice per listed user.
  if (text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || text.charCodeAt(10) !== LETTER_T)
    return false;
  if (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!)) return false;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const zone = text.charCodeAt(19);
  if (zulu) return zone === LETTER_Z;
  if ((zone !== PLUS && zone !== DASH) || text.charCodeAt(22) !== COLON) return false;
  const offsetHour = digitsAt(text, 20, 2);
  const offsetMinute = digitsAt(text, 23, 2);
  return offsetHour >= 0 && offsetHour <= 23 && offsetMinute >= 0 && offsetMinute <= 59;
}

const STATUSES: ReadonlySet<unknown> = new Set(['active', 'invited', 'suspended']);

type Json = Readonly<Record<string, unknown>>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAttributeValue(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function copyGroups(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const group of value) if (typeof group !== 'string') return undefined;
  return value.slice();
}

function copyAttributes(value: unknown): Attributes | undefined {
  if (!isPlainObject(value)) return undefined;
  const copy: Attributes = {};
  for (const key of Object.keys(value)) {
    // `__proto__` would set the prototype of the copy rather than add a key: left to the schema.
    if (key === '' || key === '__proto__' || !isAttributeValue(value[key])) return undefined;
    copy[key] = value[key] as Attributes[string];
  }
  return copy;
}

/** `value` as `User.parse` would return it, or `undefined` when the schema should decide. */
export function readUserFast(value: unknown): User | undefined {
  if (!isPlainObject(value)) return undefined;
  const { id, userName, status, isAdmin } = value;
  if (typeof id !== 'string' || id === '' || typeof userName !== 'string' || userName === '')
    return undefined;
  if (!STATUSES.has(status) || typeof isAdmin !== 'boolean') return undefined;
  const groups = copyGroups(value.groups);
  const attributes = copyAttributes(value.attributes);
  if (groups === undefined || attributes === undefined) return undefined;
  const user: Record<string, unknown> = { id, userName, status, isAdmin, groups, attributes };
  // Field by field with named stores (not a loop over key names): this runs once per listed user,
  // and named stores on one literal keep a single object shape where keyed stores would not.
  const { email, givenName, familyName, displayName, externalId, createdAt, lastLoginAt } = value;
  // A key present with `undefined` (or anything not a string) is the schema's to judge.
  if (email !== undefined || 'email' in value) {
    if (typeof email !== 'string') return undefined;
    user.email = email;
  }
  if (givenName !== undefined || 'givenName' in value) {
    if (typeof givenName !== 'string') return undefined;
    user.givenName = givenName;
  }
  if (familyName !== undefined || 'familyName' in value) {
    if (typeof familyName !== 'string') return undefined;
    user.familyName = familyName;
  }
  if (displayName !== undefined || 'displayName' in value) {
    if (typeof displayName !== 'string') return undefined;
    user.displayName = displayName;
  }
  if (externalId !== undefined || 'externalId' in value) {
    if (typeof externalId !== 'string') return undefined;
    user.externalId = externalId;
  }
  if (createdAt !== undefined || 'createdAt' in value) {
    if (typeof createdAt !== 'string' || !isIsoTimestamp(createdAt)) return undefined;
    user.createdAt = createdAt;
  }
  if (lastLoginAt !== undefined || 'lastLoginAt' in value) {
    if (typeof lastLoginAt !== 'string' || !isIsoTimestamp(lastLoginAt)) return undefined;
    user.lastLoginAt = lastLoginAt;
  }
  return user as User;
}
