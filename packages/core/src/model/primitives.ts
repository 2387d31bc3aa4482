import { z } from 'zod';
import { requireString } from '../errors/argument-error.js';

/** ISO 8601 timestamp with an explicit offset (`2024-05-11T15:02:26Z`, `...+02:00`). */
export const IsoTimestamp = z.iso.datetime({ offset: true });
export type IsoTimestamp = z.infer<typeof IsoTimestamp>;

/** A login identifier. Compared case-insensitively everywhere (see `sameUserName`). */
export const UserName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters');
export type UserName = z.infer<typeof UserName>;

export const GroupName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters');
export type GroupName = z.infer<typeof GroupName>;

/** Provider custom attributes: flat scalar values, so every provider can store and compare them. */
export const AttributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type AttributeValue = z.infer<typeof AttributeValue>;
export const Attributes = z.record(z.string().min(1), AttributeValue);
export type Attributes = z.infer<typeof Attributes>;

/** Canonical form used to compare user names. */
export function normalizeUserName(userName: string): string {
  return requireString('normalizeUserName', 'userName', userName).trim().toLowerCase();
}

export function sameUserName(a: string, b: string): boolean {
  const first = requireString('sameUserName', 'a', a);
  const second = requireString('sameUserName', 'b', b);
  return first.trim().toLowerCase() === second.trim().toLowerCase();
}
