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
  return {
    id,
    username: raw.username,
    fullname: nullableString(raw.fullname) ?? '',
    mpstrength: nullableNumber(raw.mpstrength),
    created: timestamp(raw.created),
    last_pw_change: timestamp(raw.last_pw_change),
    last_login: timestamp(raw.last_login),
    neverloggedin: flag(raw.neverloggedin),
    disabled: flag(raw.disabled),
    admin: flag(raw.admin),
    password_reset_required: flag(raw.password_reset_required),
    totalscore: nullableNumber(raw.totalscore),
    duousername: nullableString(raw.duousername),
    securidusername: nullableString(raw.securidusername),
    sites: nullableNumber(raw.sites),
    notes: nullableNumber(raw.notes),
    formfills: nullableNumber(raw.formfills),
    applications: nullableNumber(raw.applications),
    attachments: nullableNumber(raw.attachments),
    groups: stringList(raw.groups),
    linked: nullableString(raw.linked),
    multifactor: nullableString(raw.multifactor),
    attribs: attribs(raw.attribs),
  };
}

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
