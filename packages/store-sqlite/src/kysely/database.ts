/**
 * The store's tables as Kysely sees them. Every query goes through Kysely's builder against these
 * types, so another dialect (Postgres) needs its own migrations and nothing else.
 */
export interface StoreDatabase {
  pk_counters: CountersTable;
  pk_connections: ConnectionsTable;
  pk_snapshot_users: SnapshotUsersTable;
  pk_sync_runs: SyncRunsTable;
  pk_staged_changes: StagedChangesTable;
  pk_events: EventsTable;
  pk_webhook_subscriptions: WebhookSubscriptionsTable;
  pk_webhook_deliveries: WebhookDeliveriesTable;
  pk_webhook_attempts: WebhookAttemptsTable;
  pk_connection_health: ConnectionHealthTable;
  pk_apply_journals: ApplyJournalsTable;
  pk_apply_entries: ApplyEntriesTable;
}

/** Named counters: `position` (event log), `run`, `delivery`, and `writer` (the write lock row). */
export interface CountersTable {
  name: string;
  value: number;
}

export interface ConnectionsTable {
  tenant: string;
  provider: string;
  last_sequence: number;
}

/** A live user (`hash` set) or a tombstone (`hash`, `content`, `user_name_key` null). */
export interface SnapshotUsersTable {
  tenant: string;
  provider: string;
  user_id: string;
  hash: string | null;
  content: string | null;
  user_name_key: string | null;
  version: number;
  changed_at: string;
}

export interface SyncRunsTable {
  id: string;
  ordinal: number;
  tenant: string;
  provider: string;
  mode: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  since: string | null;
  /** JSON: `SyncCounts`. */
  counts: string;
  /** JSON: `GuardVerdict`. */
  guard: string | null;
  reason: string | null;
  /** JSON: `ErrorSummary`. */
  error: string | null;
  approved_at: string | null;
  owner: string | null;
  lease_until: string | null;
}

export interface StagedChangesTable {
  run_id: string;
  idx: number;
  user_id: string;
  /** JSON: `StagedChange`. */
  change: string;
}

export interface EventsTable {
  position: number;
  id: string;
  tenant: string;
  provider: string;
  sequence: number;
  type: string;
  time: string;
  /** JSON of the event without `sequence` and `cursor`. */
  body: string;
}

export interface WebhookSubscriptionsTable {
  id: string;
  tenant: string;
  provider: string | null;
  url: string;
  /** JSON string array, or null for every type. */
  event_types: string | null;
  /** JSON: `WebhookSecret[]`. */
  secrets: string;
  status: string;
  disabled_reason: string | null;
  disabled_at: string | null;
  /** Migration 002. */
  failing_since: string | null;
  cursor: string;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  ordinal: number;
  id: string;
  subscription_id: string;
  event_id: string;
  event_position: number;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookAttemptsTable {
  delivery_id: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  outcome: string;
}

/** Migration 004: one connection's health (`body` is the `ConnectionHealth` JSON). */
export interface ConnectionHealthTable {
  tenant: string;
  provider: string;
  state: string;
  revision: number;
  next_check_at: string | null;
  updated_at: string;
  body: string;
}

/** Migration 005: one row per plan being applied or applied. */
export interface ApplyJournalsTable {
  plan_id: string;
  plan_digest: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  /** JSON: `ApplyOutcome`. */
  outcome: string | null;
  owner: string | null;
  lease_until: string | null;
}

/** Migration 005: what became of each action of a plan. */
export interface ApplyEntriesTable {
  plan_id: string;
  action_id: string;
  status: string;
  user_id: string | null;
  /** JSON: `ErrorSummary`. */
  error: string | null;
  at: string;
}
