import { z } from 'zod';
import { parseInput } from '../errors/from-zod.js';
import type { SnapshotUser } from '../state/canonical-user.js';
import {
  applyChanges as applyParsedChanges,
  diffUsers as diffParsedUsers,
  FieldChange,
} from './field-changes.js';
import { EventUser, ProvisionEvent } from './provision-event.js';
import { replayEvents as replayParsedEvents } from './replay-events.js';

// The main entry's forms of the event helpers: hosts pass users and events they received, so the
// arguments are checked (`invalid_input` naming the argument). Core's sync calls the unchecked
// forms on users it built itself.

const Changes = z.array(FieldChange);
const Events = z.array(z.unknown());
const StateMap = z.instanceof(Map);

/** The fields that differ between two versions of one user, in canonical field order. */
export function diffUsers(before: SnapshotUser, after: SnapshotUser): FieldChange[] {
  return diffParsedUsers(
    parseInput(EventUser, before, { argument: 'before' }),
    parseInput(EventUser, after, { argument: 'after' }),
  );
}

/** Applies the changes of a `user.updated` event to the previous version of the user. */
export function applyChanges(user: SnapshotUser, changes: readonly FieldChange[]): SnapshotUser {
  return applyParsedChanges(
    parseInput(EventUser, user, { argument: 'user' }),
    parseInput(Changes, changes, { argument: 'changes' }),
  );
}

/**
 * Applies user events to a copy of a directory state (user id → user), in log order, ignoring an
 * event whose `version` is not newer than the one last applied to that user (`versions` is
 * updated): what a consumer of the log does.
 */
export function replayEvents(
  state: ReadonlyMap<string, SnapshotUser>,
  events: readonly ProvisionEvent[],
  versions: Map<string, number> = new Map(),
): Map<string, SnapshotUser> {
  parseInput(StateMap, state, { argument: 'state' });
  parseInput(StateMap, versions, { argument: 'versions' });
  const parsed = parseInput(Events, events, { argument: 'events' }).map((event, index) =>
    parseInput(ProvisionEvent, event, { argument: `events.${index}` }),
  );
  return replayParsedEvents(state, parsed, versions);
}
