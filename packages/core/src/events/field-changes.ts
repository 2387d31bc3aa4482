import { z } from 'zod';
import type { SnapshotUser } from '../state/canonical-user.js';
import { TRACKED_FIELDS } from '../state/canonical-user.js';

/** A value a tracked field can hold: scalars, `null` (an attribute cleared) or a group list. */
export const FieldValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export type FieldValue = z.infer<typeof FieldValue>;

/**
 * One changed field of a `user.updated` event. `field` is a `User` field (`givenName`, `status`,
 * `groups`) or `attributes.<key>` for one custom attribute. An absent `before` means the field was
 * not set; an absent `after` means it was removed.
 */
export const FieldChange = z.strictObject({
  field: z.string().min(1),
  before: FieldValue.optional(),
  after: FieldValue.optional(),
});
export type FieldChange = z.infer<typeof FieldChange>;

const ATTRIBUTE_PREFIX = 'attributes.';

/** The fields that differ between two versions of one user, in canonical field order. */
export function diffUsers(before: SnapshotUser, after: SnapshotUser): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of TRACKED_FIELDS) {
    if (field === 'id') continue;
    if (field === 'attributes') {
      diffAttributes(before.attributes, after.attributes, changes);
      continue;
    }
    const from = before[field] as FieldValue | undefined;
    const to = after[field] as FieldValue | undefined;
    if (!sameValue(from, to)) changes.push(change(field, from, to));
  }
  return changes;
}

/** Applies the changes of a `user.updated` event to the previous version of the user. */
export function applyChanges(user: SnapshotUser, changes: readonly FieldChange[]): SnapshotUser {
  const next: Record<string, unknown> = { ...user, attributes: { ...user.attributes } };
  const attributes = next.attributes as Record<string, unknown>;
  for (const { field, after } of changes) {
    const target = field.startsWith(ATTRIBUTE_PREFIX) ? attributes : next;
    const key = field.startsWith(ATTRIBUTE_PREFIX) ? field.slice(ATTRIBUTE_PREFIX.length) : field;
    if (after === undefined) delete target[key];
    else target[key] = Array.isArray(after) ? [...after] : after;
  }
  return next as SnapshotUser;
}

function diffAttributes(
  before: SnapshotUser['attributes'],
  after: SnapshotUser['attributes'],
  changes: FieldChange[],
): void {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    const from = Object.hasOwn(before, key) ? before[key] : undefined;
    const to = Object.hasOwn(after, key) ? after[key] : undefined;
    if (!sameValue(from, to)) changes.push(change(`${ATTRIBUTE_PREFIX}${key}`, from, to));
  }
}

function change(field: string, before: FieldValue | undefined, after: FieldValue | undefined): FieldChange {
  return {
    field,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  };
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => item === b[i]);
  return a === b;
}
