import type { FieldChange, FieldValue } from '../events/field-changes.js';
import type { AttributeValue } from '../model/primitives.js';
import { isSecretField } from '../model/sensitivity.js';
import type { User } from '../model/user.js';
import { type Capabilities, supports } from '../spi/capabilities.js';
import type { SnapshotUser } from '../state/canonical-user.js';
import { COMPARED_FIELDS, type DesiredUser } from './desired-user.js';
import type { PlanNotes } from './plan-notes.js';
import type { PlanAction } from './plan-schema.js';
import type { ParsedReconcilePolicy } from './reconcile-policy.js';

export interface PairContext {
  readonly capabilities: Capabilities;
  readonly policy: ParsedReconcilePolicy;
  readonly notes: PlanNotes;
  readonly nextId: () => string;
}

/**
 * The actions that bring one matched account to its desired row: status first, then fields, then
 * groups. Only fields the row states are compared; a user name that differs only in letter case
 * is the same user name. `before` values come from `current`, the account as a snapshot records it
 * (the connection's secrets removed), so a plan never carries more than a sync would store.
 */
export function pairActions(
  desired: { readonly line: number; readonly user: DesiredUser },
  user: User,
  current: SnapshotUser,
  context: PairContext,
): PlanAction[] {
  const { capabilities, policy, notes } = context;
  const row = desired.user;
  const target = { userId: user.id, userName: user.userName };
  const actions: PlanAction[] = [];
  const lifecycle = (kind: 'suspend' | 'reactivate', reason: 'desired_suspended' | 'desired_again') => {
    const verb = kind === 'suspend' ? 'suspendUser' : 'reactivateUser';
    if (supports(capabilities, verb)) actions.push({ id: context.nextId(), kind, ...target, reason });
    else notes.add('verb_not_supported', user.userName, verb);
  };
  if (row.status === 'suspended' && user.status !== 'suspended') lifecycle('suspend', 'desired_suspended');
  if (row.status !== 'suspended' && user.status === 'suspended') {
    if (policy.reactivate) lifecycle('reactivate', 'desired_again');
    else notes.add('left_suspended', user.userName);
  }

  const patch: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  const updatable = supports(capabilities, 'updateUser') ? capabilities.updatableFields : [];
  for (const field of COMPARED_FIELDS) {
    const wanted = row[field];
    if (wanted === undefined) continue;
    if (field === 'attributes') {
      diffAttributes(row.attributes!, user, current, updatable.includes('attributes'), patch, changes, () =>
        notes.add('field_not_updatable', user.userName, 'attributes'),
      );
      continue;
    }
    const actual = user[field];
    if (same(field, actual, wanted)) continue;
    if (!(updatable as readonly string[]).includes(field)) {
      notes.add('field_not_updatable', user.userName, field);
      continue;
    }
    patch[field] = wanted;
    changes.push(fieldChange(field, current[field] as FieldValue | undefined, wanted));
  }
  if (changes.length > 0) {
    actions.push({
      id: context.nextId(),
      kind: 'update',
      ...target,
      patch,
      changes,
      reason: 'fields_differ',
      line: desired.line,
    });
  }

  if (row.groups !== undefined && policy.groups !== 'ignore') {
    const have = new Set(user.groups);
    const want = new Set(row.groups);
    const add = [...want].filter((group) => !have.has(group));
    const remove = policy.groups === 'exact' ? [...have].filter((group) => !want.has(group)) : [];
    for (const [kind, groups] of [
      ['addToGroups', add],
      ['removeFromGroups', remove],
    ] as const) {
      if (groups.length === 0) continue;
      if (supports(capabilities, kind))
        actions.push({ id: context.nextId(), kind, ...target, groups, reason: 'groups_differ' });
      else notes.add('verb_not_supported', user.userName, kind);
    }
  }
  return actions;
}

function same(field: string, actual: unknown, wanted: unknown): boolean {
  if (field === 'email' && typeof actual === 'string' && typeof wanted === 'string')
    return actual.toLowerCase() === wanted.toLowerCase();
  return actual === wanted;
}

/** Compares only the attribute keys the row states; a patch carries the whole map, the others kept. */
function diffAttributes(
  wanted: Record<string, AttributeValue>,
  user: User,
  current: SnapshotUser,
  updatable: boolean,
  patch: Record<string, unknown>,
  changes: FieldChange[],
  refuse: () => void,
): void {
  // Providers replace the whole map, so the patch carries every key; one whose name makes it a
  // secret (`password`, `token`) would have to be copied into the plan, so that user is not patched.
  if (Object.keys(user.attributes).some(isSecretField)) {
    refuse();
    return;
  }
  const merged: Record<string, AttributeValue> = { ...user.attributes };
  let differs = false;
  for (const [key, value] of Object.entries(wanted)) {
    const actual = Object.hasOwn(user.attributes, key) ? user.attributes[key] : undefined;
    if (actual === value) continue;
    if (!updatable) {
      refuse();
      return;
    }
    differs = true;
    merged[key] = value;
    const before = Object.hasOwn(current.attributes, key) ? current.attributes[key] : undefined;
    changes.push(fieldChange(`attributes.${key}`, before, value));
  }
  if (differs) patch.attributes = merged;
}

function fieldChange(field: string, before: FieldValue | undefined, after: unknown): FieldChange {
  return { field, ...(before === undefined ? {} : { before }), after: after as FieldValue };
}
