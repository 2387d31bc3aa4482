import { isSecretField } from '@provisionkit/core';
import { z } from 'zod';

// LastPass (PHP) serializes the same field as a number, a numeric string or null depending on the
// command and the account's history; these schemas accept every observed form and normalize it.

/** A number sent as a number or a numeric string (`"100"`, `"83.2"`). */
export const NumberLike = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'must be numeric')
    .transform(Number),
]);

/** A number that may be missing or null (counters of never-logged-in users). */
export const NullableNumber = NumberLike.nullish().transform((value) => value ?? null);

/** A flag sent as a boolean, 0/1, or "0"/"1"/"true"/"false" ("" is PHP's false). */
export const Flag = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.enum(['0', '1', 'true', 'false', ''])])
  .transform((value) => value === true || value === 1 || value === '1' || value === 'true');

export const OptionalFlag = Flag.nullish().transform((value) => value ?? false);

/** `YYYY-MM-DD HH:MM:SS` as sent; `""` (never) becomes null. Time zone is not stated by LastPass. */
export const WireTimestamp = z
  .string()
  .nullish()
  .transform((value) => (value === undefined || value === null || value.trim() === '' ? null : value));

export const NullableString = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

/** A list of strings; PHP may send an object keyed by position instead of an array. */
export const StringList = z
  .union([z.array(z.string()), z.record(z.string(), z.string())])
  .nullish()
  .transform((value) => (value === undefined || value === null ? [] : Object.values(value)));

/**
 * Custom attributes as stored by `batchadd`. `[]` is PHP's empty object. Keys the core sensitivity
 * table calls secret (a `password` someone stored as an attribute) are dropped on the way in.
 */
export const Attribs = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown()).max(0)])
  .nullish()
  .transform((value) =>
    value === undefined || value === null || Array.isArray(value)
      ? {}
      : Object.fromEntries(Object.entries(value).filter(([key]) => !isSecretField(key))),
  );

/**
 * Longest `fullname` we send. LastPass publishes no limit; the model allows a 256-character given
 * and family name each, so a joined name can exceed it: such an item is refused alone, naming its
 * name fields, before anything is sent.
 */
export const MAX_FULL_NAME_LENGTH = 512;

/** `{"status": ...}` answers of write commands; other keys are kept for the caller. */
export const StatusResponse = z.looseObject({ status: z.string() });
export type StatusResponse = z.output<typeof StatusResponse>;
