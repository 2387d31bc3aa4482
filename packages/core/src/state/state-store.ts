import type {
  ErrorSummary,
  EventDraft,
  GuardVerdict,
  ProvisionEvent,
  SyncCounts,
  SyncMode,
  SyncReason,
} from '../events/provision-event.js';
import type { UserRef } from '../model/user.js';
import type { ApplyJournalStore } from './apply-journal.js';
import type { ConnectionKey } from './connection-key.js';
import type { HealthStore } from './health-store.js';
import type { UserWrite } from './plan-change.js';
import type { ListedChange, StagedChange } from './staged-change.js';
import type { SnapshotRow } from './stored-user.js';
import type { SyncRun, SyncStatus } from './sync-run.js';
import type {
  ClaimDeliveries,
  ClaimedDelivery,
  ClaimNewDeliveries,
  DeliveryStatus,
  DisableSubscription,
  EnqueueDeliveries,
  NewWebhookSubscription,
  RecordAttempts,
  RecordedAttempts,
  WebhookAttempt,
  WebhookDelivery,
  WebhookStatus,
  WebhookSubscription,
  WebhookSubscriptionPatch,
} from './webhook-records.js';

/** Injection token of the state store; one name for token and interface. */
export const StateStore = Symbol.for('@provisionkit/core/StateStore');

/** What the framework remembers per connection: see the sub-interfaces. */
export interface StateStore
  extends SnapshotStore,
    SyncRunStore,
    EventStore,
    WebhookStore,
    HealthStore,
    ApplyJournalStore {
  /** Releases the store (a file handle, a pool). Later calls fail with `unavailable`. */
  close(): Promise<void>;
}

/** The last known state of each directory: one row per user, and tombstones keeping versions. */
export interface SnapshotStore {
  /** Every live row's id and hash, in chunks, for the comparison index of a full sync. */
  scanSnapshotHashes(key: ConnectionKey): AsyncIterable<readonly SnapshotHash[]>;
  /** The live rows among `userIds` (missing and deleted ids are left out). */
  getSnapshotRows(key: ConnectionKey, userIds: readonly string[]): Promise<SnapshotRow[]>;
  /** The live row a ref names: by id, or by user name compared case-insensitively. */
  findSnapshotRow(key: ConnectionKey, ref: UserRef): Promise<SnapshotRow | undefined>;
  /** Live rows ordered by user id, after `after`. */
  listSnapshotRows(
    key: ConnectionKey,
    page: { after?: string | undefined; limit: number },
  ): Promise<SnapshotRow[]>;
  countSnapshotRows(key: ConnectionKey): Promise<number>;
  /**
   * Records writes made through the framework, in one transaction: each changes the row (and its
   * version) and appends one `user.*` event, unless the row already says the same.
   */
  recordUserWrites(key: ConnectionKey, writes: readonly UserWrite[], at: string): Promise<ProvisionEvent[]>;
}

export interface SnapshotHash {
  readonly userId: string;
  readonly hash: string;
}

export interface BeginSyncRun {
  readonly key: ConnectionKey;
  readonly id: string;
  readonly mode: SyncMode;
  readonly since?: string | undefined;
  readonly startedAt: string;
  /** Who runs it (`host:pid:token`); the lease lets another process take over from a dead owner. */
  readonly owner: string;
  readonly leaseUntil: string;
  /** Whether the owner of an unexpired lease is still alive; false lets the new run take over. */
  readonly isOwnerAlive: (owner: string) => boolean;
}

export interface RunOutcome {
  readonly counts: SyncCounts;
  readonly durationMs: number;
  readonly finishedAt: string;
}

/** `commitSyncRun`: a running run's owner with its outcome, or an approval of a held run. */
export interface CommitRunInput {
  readonly owner?: string;
  readonly approvedAt?: string;
  readonly outcome?: RunOutcome;
  readonly guard?: GuardVerdict;
}

/** `failSyncRun`: the owner of a running run (absent for a held one) and why it ends. */
export interface FailRunInput {
  readonly owner?: string;
  readonly status: 'failed' | 'rejected';
  readonly reason: SyncReason;
  readonly error?: ErrorSummary | undefined;
  readonly outcome: RunOutcome;
}

export interface SyncRunQuery {
  readonly key: ConnectionKey;
  readonly status?: SyncStatus | undefined;
  readonly mode?: SyncMode | undefined;
  /** Newest first; runs started before this run's start. */
  readonly before?: string | undefined;
  readonly limit: number;
}

/** Sync runs, their staged changes, and the transitions that commit or discard them. */
export interface SyncRunStore {
  /**
   * Starts a run, atomically: a `running` run of the same key whose lease expired or whose owner is
   * dead is first marked `failed` (`interrupted`, with a `sync.failed` event) and its staged
   * changes dropped. A live running run gives `ConflictError` (`details.reason: 'sync_in_progress'`),
   * a held one `ConflictError` (`'sync_held'`). Returns the new run and the runs it interrupted.
   */
  beginSyncRun(input: BeginSyncRun): Promise<{ run: SyncRun; interrupted: SyncRun[] }>;
  /** Extends the lease; `ConflictError` (`'lease_lost'`) when another owner took the run over. */
  renewSyncLease(runId: string, owner: string, leaseUntil: string): Promise<void>;
  /** Appends changes to a running run's staging area (same lease check). */
  stageSyncChanges(runId: string, owner: string, changes: readonly StagedChange[]): Promise<void>;
  /** Staged changes of a running or held run, in the order staged, after `after` (an index). */
  listStagedChanges(
    runId: string,
    page: { after?: number | undefined; limit: number },
  ): Promise<ListedChange[]>;
  /** Marks a running run `held` (its staged changes kept) and appends `sync.held`. */
  holdSyncRun(runId: string, owner: string, outcome: RunOutcome & { guard: GuardVerdict }): Promise<SyncRun>;
  /**
   * Applies the staged changes of a running run (`owner` given) or of a held run (`approvedAt`
   * given) in one transaction: each through `planStagedChange` against the current row, then
   * `sync.completed`. For a held run, a change whose row moved fails the whole approval: the run
   * becomes `failed` (`stale`, with `sync.failed`) and `ConflictError` (`'stale'`) is thrown.
   */
  commitSyncRun(runId: string, input: CommitRunInput): Promise<SyncRun>;
  /**
   * Ends a running run (`owner` given) or a held one as `failed` or `rejected`, drops its staged
   * changes and appends `sync.failed`. `NotFoundError` for an unknown run; `ConflictError`
   * (`'not_open'`) when it already ended.
   */
  failSyncRun(runId: string, input: FailRunInput): Promise<SyncRun>;
  getSyncRun(runId: string): Promise<SyncRun | undefined>;
  listSyncRuns(query: SyncRunQuery): Promise<SyncRun[]>;
}

export interface EventQuery {
  readonly tenant: string;
  /** Only this provider's connection of the tenant. */
  readonly provider?: string | undefined;
  /** A cursor from an earlier event or page; absent: from the oldest retained event. */
  readonly after?: string | undefined;
  readonly limit: number;
}

/** The durable event log. */
export interface EventStore {
  /** Events in log order after the cursor. */
  listEvents(query: EventQuery): Promise<ProvisionEvent[]>;
  /** Appends events of one connection (for producers other than sync and framework writes). */
  appendEvents(key: ConnectionKey, drafts: readonly EventDraft[]): Promise<ProvisionEvent[]>;
  /** The cursor of the last event logged (`'0'` for an empty log). */
  lastCursor(): Promise<string>;
  /** Deletes events older than `before` (and their webhook deliveries); returns how many. */
  pruneEvents(before: string): Promise<number>;
}

export interface DeliveryQuery {
  readonly subscriptionId: string;
  readonly status?: DeliveryStatus | undefined;
  /** A delivery id; ordered by creation. */
  readonly after?: string | undefined;
  readonly limit: number;
}

/** Endpoints and the deliveries owed to them, for a webhook delivery worker. */
export interface WebhookStore {
  /** `ConflictError` (`'duplicate_id'`) when the id is taken. */
  createWebhookSubscription(input: NewWebhookSubscription): Promise<WebhookSubscription>;
  getWebhookSubscription(id: string): Promise<WebhookSubscription | undefined>;
  listWebhookSubscriptions(query: {
    readonly tenant?: string | undefined;
    readonly status?: WebhookStatus | undefined;
  }): Promise<WebhookSubscription[]>;
  /** `NotFoundError` for an unknown id. */
  updateWebhookSubscription(id: string, patch: WebhookSubscriptionPatch): Promise<WebhookSubscription>;
  /** Deletes the subscription with its deliveries and attempts; false when there was none. */
  deleteWebhookSubscription(id: string): Promise<boolean>;
  /**
   * Turns up to `limit` events after the subscription's cursor (its tenant, provider and types)
   * into `pending` deliveries due at `now`, and moves the cursor past every event it read, in one
   * transaction. Returns how many deliveries it created; does nothing for a disabled endpoint.
   */
  enqueueWebhookDeliveries(input: EnqueueDeliveries): Promise<number>;
  /**
   * Leases up to `limit` pending deliveries of enabled endpoints that are due at `now` and not
   * leased by someone else: the earliest due first, then in creation order. A claimed delivery's
   * `nextAttemptAt` becomes `leaseUntil`: a lease that runs out makes it due, and claimable, again.
   */
  claimWebhookDeliveries(input: ClaimDeliveries): Promise<ClaimedDelivery[]>;
  /**
   * `enqueueWebhookDeliveries` and `claimWebhookDeliveries` at once, for the subscription's new
   * events: turns up to `limit` of them into deliveries leased to `owner` until `leaseUntil` (due
   * again then, like claimed ones), moves the cursor past every event it read, and returns them with
   * their bodies, in log order, in one transaction. A delivery's first attempt then needs no claim
   * of its own. Returns `[]` for a disabled endpoint; `NotFoundError` for an unknown one.
   */
  claimNewWebhookDeliveries(input: ClaimNewDeliveries): Promise<ClaimedDelivery[]>;
  /**
   * Logs attempts and moves their deliveries on (`next`), releasing the leases, in one transaction,
   * and keeps each endpoint's `failingSince` (set by a failure when unset, cleared by a success).
   * An attempt whose delivery `owner` no longer leases is not recorded and listed in `lost`.
   */
  recordWebhookAttempts(input: RecordAttempts): Promise<RecordedAttempts>;
  /**
   * Disables an enabled endpoint (`reason`, `disabledAt: at`) and appends `event` in the same
   * transaction. An endpoint already disabled is left as it is and no event is appended (`event`
   * undefined), so two workers disabling it at once announce it once. `NotFoundError` for an
   * unknown id.
   */
  disableWebhookSubscription(
    input: DisableSubscription,
  ): Promise<{ subscription: WebhookSubscription; event: ProvisionEvent | undefined }>;
  listWebhookDeliveries(query: DeliveryQuery): Promise<WebhookDelivery[]>;
  listWebhookAttempts(deliveryId: string): Promise<WebhookAttempt[]>;
}
