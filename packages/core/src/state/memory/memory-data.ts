import type { EventDraft, ProvisionEvent } from '../../events/provision-event.js';
import type { ConnectionKey } from '../connection-key.js';
import type { RunLease } from '../run-transitions.js';
import type { StagedChange } from '../staged-change.js';
import { formatCursor, storeClosed } from '../store-errors.js';
import type { SnapshotEntry } from '../stored-user.js';
import type { WebhookAttempt, WebhookDelivery, WebhookSubscription } from '../webhook-records.js';

/** One connection's snapshot: entries by user id, and live user ids by normalised user name. */
export interface MemorySnapshot {
  readonly entries: Map<string, SnapshotEntry>;
  readonly byName: Map<string, string>;
}

export interface MemoryRun extends RunLease {
  readonly staged: StagedChange[];
}

/** Everything the in-memory store holds. Every method works synchronously on it, so each is atomic. */
export class MemoryData {
  closed = false;
  readonly snapshots = new Map<string, MemorySnapshot>();
  readonly sequences = new Map<string, number>();
  readonly runs = new Map<string, MemoryRun>();
  /** Log order; `position` is the index in the whole log plus one, kept after pruning. */
  readonly events: { position: number; event: ProvisionEvent }[] = [];
  readonly eventsById = new Map<string, ProvisionEvent>();
  lastPosition = 0;
  readonly subscriptions = new Map<string, WebhookSubscription>();
  readonly deliveries = new Map<string, WebhookDelivery>();
  readonly attempts = new Map<string, WebhookAttempt[]>();
  deliveryCounter = 0;

  ensureOpen(): void {
    if (this.closed) throw storeClosed();
  }

  snapshot(key: ConnectionKey): MemorySnapshot {
    const id = keyId(key);
    let snapshot = this.snapshots.get(id);
    if (snapshot === undefined) {
      snapshot = { entries: new Map(), byName: new Map() };
      this.snapshots.set(id, snapshot);
    }
    return snapshot;
  }

  /** Writes an entry, keeping the user-name index in step. */
  putEntry(key: ConnectionKey, entry: SnapshotEntry): void {
    const snapshot = this.snapshot(key);
    const previous = snapshot.entries.get(entry.userId);
    if (
      previous !== undefined &&
      !previous.deleted &&
      snapshot.byName.get(previous.userNameKey) === entry.userId
    ) {
      snapshot.byName.delete(previous.userNameKey);
    }
    snapshot.entries.set(entry.userId, entry);
    if (!entry.deleted) snapshot.byName.set(entry.userNameKey, entry.userId);
  }

  /** Gives each draft its per-connection sequence and log position, and appends it. Returns the stored events: copy before handing them out. */
  append(key: ConnectionKey, drafts: readonly EventDraft[]): ProvisionEvent[] {
    const id = keyId(key);
    let sequence = this.sequences.get(id) ?? 0;
    const appended: ProvisionEvent[] = [];
    for (const draft of drafts) {
      sequence += 1;
      this.lastPosition += 1;
      const event = { ...draft, sequence, cursor: formatCursor(this.lastPosition) } as ProvisionEvent;
      this.events.push({ position: this.lastPosition, event });
      this.eventsById.set(event.id, event);
      appended.push(event);
    }
    this.sequences.set(id, sequence);
    return appended;
  }
}

export function keyId(key: ConnectionKey): string {
  return `${key.tenant}/${key.provider}`;
}
