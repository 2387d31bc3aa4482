import { randomUUID } from 'node:crypto';
import { diffUsers } from '../events/field-changes.js';
import type { EventDraft, EventSource } from '../events/provision-event.js';
import { parseStoredContent } from './canonical-user.js';
import type { ConnectionKey } from './connection-key.js';
import type { StagedChange } from './staged-change.js';
import type { SnapshotEntry, StoredUser } from './stored-user.js';

/** A write made through the framework, as the snapshot records it. */
export type UserWrite =
  | { readonly kind: 'upsert'; readonly user: StoredUser }
  | { readonly kind: 'delete'; readonly userId: string };

export interface PlanContext {
  readonly key: ConnectionKey;
  readonly source: EventSource;
  readonly time: string;
  readonly runId?: string | undefined;
}

/**
 * What a store does with one change: write `entry` and append `event` (none when only the stored
 * text changed, not a field: a new canonical form), or leave the row alone.
 */
export type Plan =
  | { readonly apply: true; readonly entry: SnapshotEntry; readonly event: EventDraft | undefined }
  /** `unchanged`: the row already says this. `moved`: the row changed since the run compared. */
  | { readonly apply: false; readonly why: 'unchanged' | 'moved' };

const UNCHANGED: Plan = { apply: false, why: 'unchanged' };
const MOVED: Plan = { apply: false, why: 'moved' };

/** Unique event id; Standard Webhooks receivers deduplicate on it. */
export function newEventId(): string {
  return `evt_${randomUUID().replaceAll('-', '')}`;
}

/**
 * Decides one staged sync change against the row as it is now. Every store runs this same
 * function inside its commit transaction, so versions and events never depend on the store.
 */
export function planStagedChange(
  current: SnapshotEntry | undefined,
  change: StagedChange,
  context: PlanContext,
): Plan {
  const live = current !== undefined && !current.deleted ? current : undefined;
  if (change.kind === 'created') {
    if (live !== undefined) return live.hash === change.after.hash ? UNCHANGED : MOVED;
    return upsert(current, undefined, change.after, context);
  }
  if (live === undefined || live.hash !== change.baseHash) return MOVED;
  if (change.kind === 'deleted') return remove(live, context);
  return upsert(live, live, change.after, context);
}

/** Decides one framework write: whatever the provider answered is the new truth for that user. */
export function planWrite(current: SnapshotEntry | undefined, write: UserWrite, context: PlanContext): Plan {
  const live = current !== undefined && !current.deleted ? current : undefined;
  if (write.kind === 'delete') return live === undefined ? UNCHANGED : remove(live, context);
  if (live !== undefined && live.hash === write.user.hash) return UNCHANGED;
  return upsert(current, live, write.user, context);
}

function upsert(
  previous: SnapshotEntry | undefined,
  live: (SnapshotEntry & { deleted: false }) | undefined,
  after: StoredUser,
  context: PlanContext,
): Plan {
  const user = parseStoredContent(after.content);
  const changes = live === undefined ? undefined : diffUsers(parseStoredContent(live.content), user);
  if (live !== undefined && changes?.length === 0) {
    return {
      apply: true,
      entry: { ...after, version: live.version, changedAt: live.changedAt, deleted: false },
      event: undefined,
    };
  }
  const version = (previous?.version ?? 0) + 1;
  const entry: SnapshotEntry = { ...after, version, changedAt: context.time, deleted: false };
  const base = userEventBase(after.userId, version, context);
  if (changes === undefined)
    return { apply: true, entry, event: { ...base, type: 'user.created', data: { user } } };
  return { apply: true, entry, event: { ...base, type: 'user.updated', data: { user, changes } } };
}

function remove(live: SnapshotEntry & { deleted: false }, context: PlanContext): Plan {
  const version = live.version + 1;
  const entry: SnapshotEntry = { userId: live.userId, version, changedAt: context.time, deleted: true };
  const user = parseStoredContent(live.content);
  return {
    apply: true,
    entry,
    event: { ...userEventBase(live.userId, version, context), type: 'user.deleted', data: { user } },
  };
}

function userEventBase(userId: string, version: number, context: PlanContext) {
  return {
    id: newEventId(),
    time: context.time,
    tenant: context.key.tenant,
    provider: context.key.provider,
    source: context.source,
    userId,
    version,
    ...(context.runId === undefined ? {} : { runId: context.runId }),
  };
}
