import type { GuardVerdict } from '../../events/provision-event.js';
import type { ConnectionKey } from '../connection-key.js';
import { planStagedChange } from '../plan-change.js';
import { endedRun, interruptedRun, newRun, runsToInterrupt, syncEventDraft } from '../run-transitions.js';
import type { ListedChange, StagedChange } from '../staged-change.js';
import type {
  BeginSyncRun,
  CommitRunInput,
  FailRunInput,
  RunOutcome,
  SyncRunQuery,
  SyncRunStore,
} from '../state-store.js';
import { runNotFound, storeConflict } from '../store-errors.js';
import type { SyncRun } from '../sync-run.js';
import { keyId, type MemoryData, type MemoryRun } from './memory-data.js';

/** `SyncRunStore` over `MemoryData`. */
export class MemorySyncRuns implements SyncRunStore {
  readonly #data: MemoryData;

  constructor(data: MemoryData) {
    this.#data = data;
  }

  async beginSyncRun(input: BeginSyncRun): Promise<{ run: SyncRun; interrupted: SyncRun[] }> {
    this.#data.ensureOpen();
    if (this.#data.runs.has(input.id)) throw storeConflict('duplicate_id', 'A sync run with this id exists');
    const open = [...this.#data.runs.values()].filter(
      (lease) =>
        sameKey(lease.run, input.key) && (lease.run.status === 'running' || lease.run.status === 'held'),
    );
    const interrupted = runsToInterrupt(open, input).map((run) => {
      const ended = interruptedRun(run, input.startedAt);
      this.#put({ run: ended, owner: undefined, leaseUntil: undefined, staged: [] });
      this.#data.append(input.key, [syncEventDraft(ended)]);
      return ended;
    });
    const run = newRun(input);
    this.#put({ run, owner: input.owner, leaseUntil: input.leaseUntil, staged: [] });
    return { run: { ...run }, interrupted };
  }

  async renewSyncLease(runId: string, owner: string, leaseUntil: string): Promise<void> {
    const lease = this.#owned(runId, owner);
    this.#put({ ...lease, leaseUntil });
  }

  async stageSyncChanges(runId: string, owner: string, changes: readonly StagedChange[]): Promise<void> {
    const lease = this.#owned(runId, owner);
    lease.staged.push(...structuredClone(changes));
  }

  async listStagedChanges(
    runId: string,
    page: { after?: number | undefined; limit: number },
  ): Promise<ListedChange[]> {
    const lease = this.#lease(runId);
    const start = page.after === undefined ? 0 : page.after + 1;
    return lease.staged
      .slice(start, start + page.limit)
      .map((change, offset) => ({ ...structuredClone(change), index: start + offset }));
  }

  async holdSyncRun(
    runId: string,
    owner: string,
    outcome: RunOutcome & { guard: GuardVerdict },
  ): Promise<SyncRun> {
    const lease = this.#owned(runId, owner);
    const run: SyncRun = { ...lease.run, status: 'held', reason: 'mass_change', ...outcome };
    this.#put({ run, owner: undefined, leaseUntil: undefined, staged: lease.staged });
    this.#data.append(keyOf(run), [syncEventDraft(run)]);
    return { ...run };
  }

  async commitSyncRun(runId: string, input: CommitRunInput): Promise<SyncRun> {
    const lease = input.owner === undefined ? this.#held(runId) : this.#owned(runId, input.owner);
    const key = keyOf(lease.run);
    const time = input.approvedAt ?? input.outcome?.finishedAt ?? lease.run.startedAt;
    const context = { key, source: 'sync' as const, time, runId };
    const entries = this.#data.snapshot(key).entries;
    const plans = [];
    // Planned against a working copy first, so a stale approval changes nothing.
    const working = new Map<string, ReturnType<typeof entries.get>>();
    for (const change of lease.staged) {
      const current = working.has(change.userId) ? working.get(change.userId) : entries.get(change.userId);
      const plan = planStagedChange(current, change, context);
      if (!plan.apply && plan.why === 'moved' && input.approvedAt !== undefined) {
        return this.#stale(lease, input.approvedAt, change.userId);
      }
      if (plan.apply) {
        working.set(change.userId, plan.entry);
        plans.push(plan);
      }
    }
    for (const plan of plans) this.#data.putEntry(key, plan.entry);
    const run: SyncRun = {
      ...lease.run,
      ...(input.outcome ?? {}),
      ...(input.guard === undefined ? {} : { guard: input.guard }),
      status: 'completed',
      finishedAt: time,
      ...(input.approvedAt === undefined ? {} : { approvedAt: input.approvedAt }),
    };
    delete (run as { reason?: unknown }).reason;
    this.#put({ run, owner: undefined, leaseUntil: undefined, staged: [] });
    const events = plans.flatMap((plan) => (plan.event === undefined ? [] : [plan.event]));
    this.#data.append(key, [...events, syncEventDraft(run)]);
    return { ...run };
  }

  async failSyncRun(runId: string, input: FailRunInput): Promise<SyncRun> {
    const lease = input.owner === undefined ? this.#held(runId) : this.#owned(runId, input.owner);
    const run = endedRun(lease.run, input.status, input.reason, input.outcome, input.error);
    this.#put({ run, owner: undefined, leaseUntil: undefined, staged: [] });
    this.#data.append(keyOf(run), [syncEventDraft(run)]);
    return { ...run };
  }

  async getSyncRun(runId: string): Promise<SyncRun | undefined> {
    this.#data.ensureOpen();
    const lease = this.#data.runs.get(runId);
    return lease === undefined ? undefined : structuredClone(lease.run);
  }

  async listSyncRuns(query: SyncRunQuery): Promise<SyncRun[]> {
    this.#data.ensureOpen();
    return (
      [...this.#data.runs.values()]
        .map((lease) => lease.run)
        .reverse()
        .filter(
          (run) =>
            sameKey(run, query.key) &&
            (query.status === undefined || run.status === query.status) &&
            (query.mode === undefined || run.mode === query.mode) &&
            (query.before === undefined || run.startedAt < query.before),
        )
        // Stable sort over the reversed insertion order: runs started in the same millisecond stay newest first.
        .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
        .slice(0, query.limit)
        .map((run) => structuredClone(run))
    );
  }

  #stale(lease: MemoryRun, at: string, userId: string): never {
    const run = endedRun(lease.run, 'failed', 'stale', {
      counts: lease.run.counts,
      durationMs: 0,
      finishedAt: at,
    });
    this.#put({ run, owner: undefined, leaseUntil: undefined, staged: [] });
    this.#data.append(keyOf(run), [syncEventDraft(run)]);
    throw storeConflict('stale', 'The snapshot changed since the run was held; run a new sync', {
      runId: run.id,
      userId,
    });
  }

  #lease(runId: string): MemoryRun {
    this.#data.ensureOpen();
    const lease = this.#data.runs.get(runId);
    if (lease === undefined) throw runNotFound(runId);
    return lease;
  }

  #owned(runId: string, owner: string): MemoryRun {
    const lease = this.#lease(runId);
    if (lease.run.status !== 'running' || lease.owner !== owner) {
      throw storeConflict('lease_lost', 'This sync run is no longer owned by its caller', { runId });
    }
    return lease;
  }

  #held(runId: string): MemoryRun {
    const lease = this.#lease(runId);
    if (lease.run.status !== 'held') {
      throw storeConflict('not_open', `The sync run is ${lease.run.status}, not held`, {
        runId,
        status: lease.run.status,
      });
    }
    return lease;
  }

  #put(lease: MemoryRun): void {
    this.#data.runs.set(lease.run.id, lease);
  }
}

function sameKey(run: SyncRun, key: ConnectionKey): boolean {
  return keyId({ tenant: run.tenant, provider: run.provider }) === keyId(key);
}

function keyOf(run: SyncRun): ConnectionKey {
  return { tenant: run.tenant, provider: run.provider };
}
