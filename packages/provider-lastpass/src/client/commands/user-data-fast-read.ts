import { isSecretField } from '@provisionkit/core';
import type { GetUserDataResponse, LastPassUser } from './get-user-data.js';

// A listing of 100k users spends most of its client time validating records field by field. This
// reader accepts only bodies it is certain of, building exactly what the zod schema would; on
// anything else it answers `undefined` and the schema decides (and names the offending path). A
// test feeds both readers the same varied bodies and requires the same result.

/** Signals "not certain": the schema takes over. Thrown only inside this file. */
class Unsure extends Error {}
const UNSURE = new Unsure();
const NUMERIC = /^-?\d+(\.\d+)?$/;

type Json = Readonly<Record<string, unknown>>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nullableNumber(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (NUMERIC.test(trimmed)) return Number(trimmed);
  }
  throw UNSURE;
}

function flag(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0) return false;
  if (value === true || value === 1) return true;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false' || value === '') return false;
  throw UNSURE;
}

function nullableString(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  throw UNSURE;
}

function timestamp(value: unknown): string | null {
  const text = nullableString(value);
  return text === null || text.trim() === '' ? null : text;
}

function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : undefined;
  if (items === undefined || !items.every((item) => typeof item === 'string')) throw UNSURE;
  return items as string[];
}

function attribs(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (Array.isArray(value)) {
    if (value.length === 0) return {};
    throw UNSURE;
  }
  if (!isPlainObject(value)) throw UNSURE;
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // Assigning `__proto__` would replace the prototype rather than add a key: left to the schema.
    if (key === '__proto__') throw UNSURE;
    if (!isSecretField(key)) kept[key] = value[key];
  }
  return kept;
}

function record(id: string, raw: unknown): LastPassUser {
  if (!isPlainObject(raw) || typeof raw.username !== 'string' || raw.username === '') throw UNSURE;
  return new UserRecord(id, raw, raw.username);
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A page's records, built with `new` rather than as an object literal, on purpose. V8 tracks the
 * objects of each literal site and, once most of a site's objects outlive a young-generation
 * collection, allocates all later ones directly in the old generation. A page's records all live
 * while the caller reads the page, so a listing's literal site was soon marked, and every later
 * record (with the strings it holds from the parsed body) went to the old generation, which then
 * grew by a page at a time until a full collection. Measured on a 100,000-user listing: objects
 * outliving the young generation fell from 59 MB to 11 MB, and the peak heap from 45–58 MB (two
 * modes) to 44–46 MB. Constructor-built objects are not tracked that way. The prototype is
 * `Object.prototype`, so a record stays a plain object, the very one the schema would return.
 */
const UserRecord = function (this: Writable<LastPassUser>, id: string, raw: Json, username: string) {
  this.id = id;
  this.username = username;
  this.fullname = nullableString(raw.fullname) ?? '';
  this.mpstrength = nullableNumber(raw.mpstrength);
  this.created = timestamp(raw.created);
  this.last_pw_change = timestamp(raw.last_pw_change);
  this.last_login = timestamp(raw.last_login);
  this.neverloggedin = flag(raw.neverloggedin);
  this.disabled = flag(raw.disabled);
  this.admin = flag(raw.admin);
  this.password_reset_required = flag(raw.password_reset_required);
  this.totalscore = nullableNumber(raw.totalscore);
  this.duousername = nullableString(raw.duousername);
  this.securidusername = nullableString(raw.securidusername);
  this.sites = nullableNumber(raw.sites);
  this.notes = nullableNumber(raw.notes);
  this.formfills = nullableNumber(raw.formfills);
  this.applications = nullableNumber(raw.applications);
  this.attachments = nullableNumber(raw.attachments);
  this.groups = stringList(raw.groups);
  this.linked = nullableString(raw.linked);
  this.multifactor = nullableString(raw.multifactor);
  this.attribs = attribs(raw.attribs);
} as unknown as new (
  id: string,
  raw: Json,
  username: string,
) => LastPassUser;
UserRecord.prototype = Object.prototype;

/** `{}` for PHP's empty array `[]` and for a missing map; a map otherwise, or not certain. */
function map(value: unknown): Json {
  if (value === undefined || value === null) return {};
  if (Array.isArray(value)) {
    if (value.length === 0) return {};
    throw UNSURE;
  }
  if (!isPlainObject(value)) throw UNSURE;
  return value;
}

function optionalNumber(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (value === null) throw UNSURE;
  return nullableNumber(value) ?? undefined;
}

/** The `getuserdata` answer as `GetUserDataResponse` reads it, or `undefined` when not certain. */
export function readUserDataFast(body: unknown): GetUserDataResponse | undefined {
  try {
    if (!isPlainObject(body)) return undefined;
    const usersMap = map(body.Users);
    const users: LastPassUser[] = [];
    for (const id of Object.keys(usersMap)) users.push(record(id, usersMap[id]));
    const groupsMap = map(body.Groups);
    const groups = Object.keys(groupsMap).map((name) => ({ name, members: stringList(groupsMap[name]) }));
    const invited = body.invited;
    if (invited !== undefined && invited !== null && !Array.isArray(invited)) return undefined;
    const total = optionalNumber(body.total);
    const count = optionalNumber(body.count);
    return { total, count: count ?? users.length, users, groups, invited: invited ?? undefined };
  } catch (error) {
    if (error instanceof Unsure) return undefined;
    throw error;
  }
}
