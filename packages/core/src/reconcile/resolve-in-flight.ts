import type { ErrorSummary } from '../events/provision-event.js';
import { normalizeUserName } from '../model/primitives.js';
import type { User } from '../model/user.js';
import type { PlanAction } from './plan-schema.js';
import type { DirectoryReading } from './read-directory.js';

/** What an action left in flight by an interrupted apply turned out to be. */
export type InFlightOutcome =
  | { readonly outcome: 'done'; readonly userId: string | undefined }
  | { readonly outcome: 'pending' }
  | { readonly outcome: 'failed'; readonly error: ErrorSummary };

const PENDING: InFlightOutcome = { outcome: 'pending' };

/**
 * Settles an action whose answer never came (the process died, or the call failed in a way that
 * says nothing about the write) by reading the directory, never by sending it again blindly: if
 * the account already shows the action's effect it is done; if it still shows the state the plan
 * was made from it is sent again; anything else was changed by someone else meanwhile and fails.
 */
export function resolveInFlight(action: PlanAction, reading: DirectoryReading): InFlightOutcome {
  if (action.kind === 'create') {
    const user = reading.byName.get(normalizeUserName(action.userName));
    return user === undefined ? PENDING : { outcome: 'done', userId: user.id };
  }
  const user = reading.byId.get(action.userId);
  if (action.kind === 'remove' || action.kind === 'purge')
    return user === undefined ? { outcome: 'done', userId: action.userId } : PENDING;
  if (user === undefined) {
    return {
      outcome: 'failed',
      error: { code: 'not_found', message: 'the account is gone from the directory' },
    };
  }
  const done = { outcome: 'done', userId: user.id } as const;
  switch (action.kind) {
    case 'suspend':
      return user.status === 'suspended' ? done : PENDING;
    case 'reactivate':
      return user.status !== 'suspended' ? done : PENDING;
    case 'addToGroups':
      return action.groups.every((group) => user.groups.includes(group)) ? done : PENDING;
    case 'removeFromGroups':
      return action.groups.some((group) => user.groups.includes(group)) ? PENDING : done;
    case 'update': {
      if (
        action.changes.every((change) => sameValue(change.field, fieldOf(user, change.field), change.after))
      )
        return done;
      if (
        action.changes.every((change) => sameValue(change.field, fieldOf(user, change.field), change.before))
      )
        return PENDING;
      return {
        outcome: 'failed',
        error: { code: 'conflict', message: 'the account was changed by someone else meanwhile: plan again' },
      };
    }
  }
}

function fieldOf(user: User, field: string): unknown {
  if (field.startsWith('attributes.')) {
    const key = field.slice('attributes.'.length);
    return Object.hasOwn(user.attributes, key) ? user.attributes[key] : undefined;
  }
  return (user as Record<string, unknown>)[field];
}

function sameValue(field: string, actual: unknown, expected: unknown): boolean {
  if (
    (field === 'email' || field === 'userName') &&
    typeof actual === 'string' &&
    typeof expected === 'string'
  )
    return actual.toLowerCase() === expected.toLowerCase();
  return actual === expected;
}
