import type { SnapshotEntry, SnapshotRow, SyncRun } from '@provisionkit/core';
import type { Selectable } from 'kysely';
import type { SnapshotUsersTable, SyncRunsTable } from './database.js';

export function toEntry(row: Selectable<SnapshotUsersTable>): SnapshotEntry {
  if (row.hash === null || row.content === null) {
    return { userId: row.user_id, version: row.version, changedAt: row.changed_at, deleted: true };
  }
  return { ...toRow(row), deleted: false };
}

export function toRow(row: Selectable<SnapshotUsersTable>): SnapshotRow {
  return {
    userId: row.user_id,
    content: row.content ?? '',
    hash: row.hash ?? '',
    userNameKey: row.user_name_key ?? '',
    version: row.version,
    changedAt: row.changed_at,
  };
}

export function entryColumns(entry: SnapshotEntry): Omit<SnapshotUsersTable, 'tenant' | 'provider'> {
  return entry.deleted
    ? {
        user_id: entry.userId,
        hash: null,
        content: null,
        user_name_key: null,
        version: entry.version,
        changed_at: entry.changedAt,
      }
    : {
        user_id: entry.userId,
        hash: entry.hash,
        content: entry.content,
        user_name_key: entry.userNameKey,
        version: entry.version,
        changed_at: entry.changedAt,
      };
}

export function toRun(row: Selectable<SyncRunsTable>): SyncRun {
  const run: Record<string, unknown> = {
    id: row.id,
    tenant: row.tenant,
    provider: row.provider,
    mode: row.mode,
    status: row.status,
    startedAt: row.started_at,
    counts: JSON.parse(row.counts),
  };
  if (row.finished_at !== null) run.finishedAt = row.finished_at;
  if (row.duration_ms !== null) run.durationMs = row.duration_ms;
  if (row.since !== null) run.since = row.since;
  if (row.guard !== null) run.guard = JSON.parse(row.guard);
  if (row.reason !== null) run.reason = row.reason;
  if (row.error !== null) run.error = JSON.parse(row.error);
  if (row.approved_at !== null) run.approvedAt = row.approved_at;
  return run as SyncRun;
}

export function runColumns(run: SyncRun): Omit<SyncRunsTable, 'ordinal' | 'owner' | 'lease_until'> {
  return {
    id: run.id,
    tenant: run.tenant,
    provider: run.provider,
    mode: run.mode,
    status: run.status,
    started_at: run.startedAt,
    finished_at: run.finishedAt ?? null,
    duration_ms: run.durationMs ?? null,
    since: run.since ?? null,
    counts: JSON.stringify(run.counts),
    guard: run.guard === undefined ? null : JSON.stringify(run.guard),
    reason: run.reason ?? null,
    error: run.error === undefined ? null : JSON.stringify(run.error),
    approved_at: run.approvedAt ?? null,
  };
}
