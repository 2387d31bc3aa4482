import type { SnapshotUser } from '../state/canonical-user.js';
import { applyChanges } from './field-changes.js';
import type { ProvisionEvent } from './provision-event.js';

/**
 * Applies user events to a copy of a directory state (user id → user), in log order, ignoring an
 * event whose `version` is not newer than the one last applied to that user. What a consumer of
 * the log does; the sync's own tests check that it rebuilds the snapshot exactly.
 */
export function replayEvents(
  state: ReadonlyMap<string, SnapshotUser>,
  events: readonly ProvisionEvent[],
  versions: Map<string, number> = new Map(),
): Map<string, SnapshotUser> {
  const next = new Map(state);
  for (const event of events) {
    if (event.type !== 'user.created' && event.type !== 'user.updated' && event.type !== 'user.deleted')
      continue;
    if ((versions.get(event.userId) ?? 0) >= event.version) continue;
    versions.set(event.userId, event.version);
    if (event.type === 'user.deleted') next.delete(event.userId);
    else if (event.type === 'user.created') next.set(event.userId, event.data.user);
    else {
      const previous = next.get(event.userId);
      next.set(
        event.userId,
        previous === undefined ? event.data.user : applyChanges(previous, event.data.changes),
      );
    }
  }
  return next;
}
