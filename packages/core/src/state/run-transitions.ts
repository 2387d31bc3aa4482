import type { EventDraft, SyncReason } from '../events/provision-event.js';
import { newEventId } from './plan-change.js';
import type { BeginSyncRun, RunOutcome } from './state-store.js';
import { storeConflict } from './store-errors.js';
import { EMPTY_COUNTS, type SyncRun } from './sync-run.js';

/** A run as stores keep it: the public record plus its lease. */
export interface RunLease {
  readonly run: SyncRun;
  readonly owner: string | undefined;
  readonly leaseUntil: string | undefined;
}

/**
 * The open runs of a key that a new run may take over (lease expired, or owner dead); throws
 * `ConflictError` when one is held or still alive. Shared by every store so they decide alike.
 */
export function runsToInterrupt(open: readonly RunLease[], input: BeginSyncRun): SyncRun[] {
  const held = open.find((lease) => lease.run.status === 'held');
  if (held !== undefined) {
    throw storeConflict('sync_held', 'A held sync run waits for approval or rejection', {
      runId: held.run.id,
    });
  }
  const interrupted: SyncRun[] = [];
  for (const lease of open) {
    const expired = lease.leaseUntil === undefined || lease.leaseUntil < input.startedAt;
    if (!expired && lease.owner !== undefined && input.isOwnerAlive(lease.owner)) {
      throw storeConflict('sync_in_progress', 'Another sync run of this connection is in progress', {
        runId: lease.run.id,
      });
    }
    interrupted.push(lease.run);
  }
  return interrupted;
}

export function newRun(input: BeginSyncRun): SyncRun {
  return {
    id: input.id,
    tenant: input.key.tenant,
    provider: input.key.provider,
    mode: input.mode,
    status: 'running',
    startedAt: input.startedAt,
    ...(input.since === undefined ? {} : { since: input.since }),
    counts: EMPTY_COUNTS,
  };
}

/** A run that ended without committing. */
export function endedRun(
  run: SyncRun,
  status: 'failed' | 'rejected',
  reason: SyncReason,
  outcome: RunOutcome,
  error?: SyncRun['error'],
): SyncRun {
  return {
    ...run,
    status,
    reason,
    // A rejected held run keeps the counts and duration it was held with.
    counts: run.status === 'held' ? run.counts : outcome.counts,
    durationMs: run.status === 'held' ? (run.durationMs ?? outcome.durationMs) : outcome.durationMs,
    finishedAt: outcome.finishedAt,
    ...(error === undefined ? {} : { error }),
  };
}

/** The interrupted form of a run found dead by a later one. */
export function interruptedRun(run: SyncRun, at: string): SyncRun {
  const durationMs = Math.max(0, Date.parse(at) - Date.parse(run.startedAt));
  return endedRun(run, 'failed', 'interrupted', { counts: run.counts, durationMs, finishedAt: at });
}

/** The `sync.*` event announcing a run's new state. */
export function syncEventDraft(run: SyncRun): EventDraft {
  const base = {
    id: newEventId(),
    time: run.finishedAt ?? run.startedAt,
    tenant: run.tenant,
    provider: run.provider,
    source: 'sync' as const,
    runId: run.id,
  };
  const data = {
    mode: run.mode,
    counts: run.counts,
    startedAt: run.startedAt,
    durationMs: run.durationMs ?? 0,
  };
  if (run.status === 'held') return { ...base, type: 'sync.held', data: { ...data, guard: run.guard! } };
  if (run.status === 'completed') return { ...base, type: 'sync.completed', data };
  return {
    ...base,
    type: 'sync.failed',
    data: {
      ...data,
      reason: run.reason ?? 'store_failed',
      ...(run.error === undefined ? {} : { error: run.error }),
    },
  };
}
