import type { z } from 'zod';
import { MAX_BATCH_SIZE } from '../client-config.js';
import { BatchAddUser } from './batch-add-request.js';
import { MAX_FULL_NAME_LENGTH } from './wire-values.js';

type ParsedUser = z.output<typeof BatchAddUser>;
type ParsedRequest = ParsedUser[];

// `createUsers` sends chunks of hundreds of users it built itself, and the schema's parse of each
// chunk made most of the garbage of a bulk create. This reader checks the plain fields by hand and
// hands the rare structured one (`attribs`) to its own field schema; on anything unusual (an
// unknown key, a wrong type, a key present but undefined, a hole) it answers `undefined` and the
// whole schema decides and names the path. A property test feeds both the same varied values,
// hostile ones included, and requires the same result.

/** `[min, max]` lengths of the free-text fields, as `BatchAddUser` declares them. */
const TEXT_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  fullname: [0, MAX_FULL_NAME_LENGTH],
  duousername: [1, 256],
  securidusername: [1, 256],
  password: [1, 1024],
};
const MAX_GROUPS = 1000;
const SHAPE_ORDER = Object.keys(BatchAddUser.shape);
const SHAPE_POSITION = new Map(SHAPE_ORDER.map((key, position) => [key, position]));

/** `value` as `BatchAddRequest.parse` would return it, or `undefined` when the schema should decide. */
export function readBatchAddFast(value: unknown): ParsedRequest | undefined {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_BATCH_SIZE) return undefined;
  const users: ParsedRequest = new Array(value.length);
  for (let index = 0; index < value.length; index++) {
    const user = readUser(value[index]);
    if (user === undefined) return undefined;
    users[index] = user;
  }
  return users;
}

function readUser(value: unknown): ParsedUser | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const input = value as Readonly<Record<string, unknown>>;
  const fields: Record<string, unknown> = {};
  let ordered = true;
  let last = -1;
  for (const key of Object.keys(input)) {
    const field = input[key];
    if (field === undefined) return undefined;
    const read = readField(key, field);
    if (read === undefined) return undefined;
    fields[key] = read;
    const position = SHAPE_POSITION.get(key)!;
    if (position < last) ordered = false;
    last = position;
  }
  if (fields.username === undefined) return undefined;
  // Keys in the schema's order, as its parse returns them: the request is encoded byte for byte
  // as before. Usually the input already has that order, and then `fields` is the answer.
  return ordered ? (fields as ParsedUser) : reorder(fields);
}

/** One field as the schema returns it, or `undefined` when the schema should decide. */
function readField(key: string, field: unknown): unknown {
  switch (key) {
    case 'username':
      return trimmedName(field);
    case 'groups':
      return groupList(field);
    case 'password_reset_required':
      return typeof field === 'boolean' ? field : undefined;
    case 'attribs': {
      const parsed = BatchAddUser.shape.attribs.safeParse(field);
      return parsed.success ? parsed.data : undefined;
    }
    default: {
      const limits = Object.hasOwn(TEXT_LIMITS, key) ? TEXT_LIMITS[key] : undefined;
      if (limits === undefined || typeof field !== 'string') return undefined;
      return field.length < limits[0] || field.length > limits[1] ? undefined : field;
    }
  }
}

function reorder(fields: Readonly<Record<string, unknown>>): ParsedUser {
  const user: Record<string, unknown> = {};
  for (const key of SHAPE_ORDER) if (Object.hasOwn(fields, key)) user[key] = fields[key];
  return user as ParsedUser;
}

/** `UserName` and `GroupName`: trimmed, 1 to 256 characters after trimming. */
function trimmedName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length < 1 || trimmed.length > 256 ? undefined : trimmed;
}

function groupList(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_GROUPS) return undefined;
  const groups: string[] = new Array(value.length);
  for (let index = 0; index < value.length; index++) {
    const name = trimmedName(value[index]);
    if (name === undefined) return undefined;
    groups[index] = name;
  }
  return groups;
}
