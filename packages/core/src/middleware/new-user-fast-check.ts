import type { z } from 'zod';
import { NewUser } from '../model/user.js';

type ParsedNewUser = z.output<typeof NewUser>;
type Field = keyof ParsedNewUser;

// `createUsers` validates every item of batches of thousands. This reader checks the plain text and
// flag fields by hand and hands the structured ones (email format, groups, attributes) to their own
// field schema; it answers `undefined` on anything unusual (an unknown key, a wrong type, a key
// present but undefined) and the whole schema then decides and names the field. A test feeds both
// the same varied values and requires the same result.

/** Maximum lengths of the free-text fields, as `NewUser` declares them. */
const TEXT_LIMITS: Readonly<Partial<Record<Field, readonly [number, number]>>> = {
  givenName: [0, 256],
  familyName: [0, 256],
  displayName: [0, 512],
  externalId: [1, 256],
  password: [1, 1024],
};
const BY_FIELD_SCHEMA = new Set<string>(['email', 'groups', 'attributes']);
const KNOWN = new Set<string>(Object.keys(NewUser.shape));

/** `value` as `NewUser.parse` would return it, or `undefined` when the schema should decide. */
export function readNewUserFast(value: unknown): ParsedNewUser | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const input = value as Readonly<Record<string, unknown>>;
  const user: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    const field = input[key];
    if (!KNOWN.has(key) || field === undefined) return undefined;
    if (key === 'userName') {
      if (typeof field !== 'string') return undefined;
      const trimmed = field.trim();
      if (trimmed.length < 1 || trimmed.length > 256) return undefined;
      user.userName = trimmed;
    } else if (key === 'isAdmin') {
      if (typeof field !== 'boolean') return undefined;
      user.isAdmin = field;
    } else if (BY_FIELD_SCHEMA.has(key)) {
      const parsed = NewUser.shape[key as 'email' | 'groups' | 'attributes'].safeParse(field);
      if (!parsed.success) return undefined;
      user[key] = parsed.data;
    } else {
      const [min, max] = TEXT_LIMITS[key as Field]!;
      if (typeof field !== 'string' || field.length < min || field.length > max) return undefined;
      user[key] = field;
    }
  }
  return user.userName === undefined ? undefined : (user as ParsedNewUser);
}
