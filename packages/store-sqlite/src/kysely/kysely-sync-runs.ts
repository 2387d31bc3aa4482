import {
  type BeginSyncRun,
  type CommitRunInput,
  type ConnectionKey,
  type EventDraft,
  type FailRunInput,
  type GuardVerdict,
  type RunOutcome,
  type SnapshotEntry,
  type SyncRun,
  type SyncRunQuery,
  type SyncRunStore,
} from '@provisionkit/core';
import {
  endedRun,
  interruptedRun,
  type ListedChange,
  newRun,
  planStagedChange,
  type RunLease,
  runNotFound,
  runsToInterrupt,
  type StagedChange,
  storeConflict,
  syncEventDraft,
} from '@provisionkit/core/store';
import { readEntries, writeEntries } from './kysely-snapshots.js';
import { runColumns, toRun } from './rows.js';
import {
  appendEvents,
  chunks,
  type Db,
  INSERT_CHUNK,
  LOOKUP_CHUNK,
  type Tx,
  takeCounter,
  writeTransaction,
} from './store-context.js';

/** Thrown inside an approval's transaction to roll it back whole. */
class StaleApproval extends Error {
  constructor(readonly userId: string) {
    super('stale');
  }
}

/** `SyncRunStore` through Kysely. */
export class KyselySyncRuns implements SyncRunStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  beginSyncRun(input: BeginSyncRun): Promise<{ run: SyncRun; interrupted: SyncRun[] }> {
    return writeTransaction(this.#db, async (trx) => {
      const taken = await trx
        .selectFrom('pk_sync_runs')
        .select('id')
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (taken !== undefined) throw storeConflict('duplicate_id', 'A sync run with this id exists');
      const open = await trx
        .selectFrom('pk_sync_runs')
        .selectAll()
        .where('tenant', '=', input.key.tenant)
        .where('provider', '=', input.key.provider)
        .where('status', 'in', ['running', 'held'])
        .execute();
      const leases: RunLease[] = open.map((row) => ({
        run: toRun(row),
        owner: row.owner ?? undefined,
        leaseUntil: row.lease_until ?? undefined,
      }));
      const interrupted: SyncRun[] = [];
      for (const run of runsToInterrupt(leases, input)) {
        const ended = interruptedRun(run, input.startedAt);
        await this.#finish(trx, ended, [syncEventDraft(ended)]);
        interrupted.push(ended);
      }
      const run = newRun(input);
      const ordinal = (await takeCounter(trx, 'run', 1)) + 1;
      await trx
        .insertInto('pk_sync_runs')
        .values({ ...runColumns(run), ordinal, owner: input.owner, lease_until: input.leaseUntil })
        .execute();
      return { run, interrupted };
    });
  }

  renewSyncLease(runId: string, owner: string, leaseUntil: string): Promise<void> {
    return writeTransaction(this.#db, async (trx) => {
      await this.#owned(trx, runId, owner);
      await trx
        .updateTable('pk_sync_runs')
        .set({ lease_until: leaseUntil })
        .where('id', '=', runId)
        .execute();
    });
  }

  stageSyncChanges(runId: string, owner: string, changes: readonly StagedChange[]): Promise<void> {
    return writeTransaction(this.#db, async (trx) => {
      await this.#owned(trx, runId, owner);
      const last = await trx
        .selectFrom('pk_staged_changes')
        .select((eb) => eb.fn.max('idx').as('idx'))
        .where('run_id', '=', runId)
        .executeTakeFirst();
      let idx = last?.idx === null || last?.idx === undefined ? 0 : Number(last.idx) + 1;
      for (const chunk of chunks(changes, INSERT_CHUNK)) {
        await trx
          .insertInto('pk_staged_changes')
          .values(
            chunk.map((change) => ({
              run_id: runId,
              idx: idx++,
              user_id: change.userId,
              change: JSON.stringify(change),
            })),
          )
          .execute();
      }
    });
  }

  async listStagedChanges(
    runId: string,
    page: { after?: number | undefined; limit: number },
  ): Promise<ListedChange[]> {
    const exists = await this.#db
      .selectFrom('pk_sync_runs')
      .select('id')
      .where('id', '=', runId)
      .executeTakeFirst();
    if (exists === undefined) throw runNotFound(runId);
    const rows = await this.#db
      .selectFrom('pk_staged_changes')
      .select(['idx', 'change'])
      .where('run_id', '=', runId)
      .where('idx', '>', page.after ?? -1)
      .orderBy('idx')
      .limit(page.limit)
      .execute();
    return rows.map((row) => ({ ...(JSON.parse(row.change) as StagedChange), index: row.idx }));
  }

  holdSyncRun(runId: string, owner: string, outcome: RunOutcome & { guard: GuardVerdict }): Promise<SyncRun> {
    return writeTransaction(this.#db, async (trx) => {
      const current = await this.#owned(trx, runId, owner);
      const run: SyncRun = { ...current, status: 'held', reason: 'mass_change', ...outcome };
      await this.#update(trx, run);
      await appendEvents(trx, keyOf(run), [syncEventDraft(run)]);
      return run;
    });
  }

  async commitSyncRun(runId: string, input: CommitRunInput): Promise<SyncRun> {
    try {
      return await writeTransaction(this.#db, async (trx) => {
        const current =
          input.owner === undefined
            ? await this.#held(trx, runId)
            : await this.#owned(trx, runId, input.owner);
        const time = input.approvedAt ?? input.outcome?.finishedAt ?? current.startedAt;
        const drafts = await this.#applyStaged(trx, current, time, input.approvedAt !== undefined);
        const run: SyncRun = {
          ...current,
          ...(input.outcome ?? {}),
          ...(input.guard === undefined ? {} : { guard: input.guard }),
          status: 'completed',
          finishedAt: time,
          ...(input.approvedAt === undefined ? {} : { approvedAt: input.approvedAt }),
        };
        delete (run as { reason?: unknown }).reason;
        await this.#finish(trx, run, [...drafts, syncEventDraft(run)]);
        return run;
      });
    } catch (error) {
      if (!(error instanceof StaleApproval)) throw error;
      await this.#markStale(runId, input.approvedAt!);
      throw storeConflict('stale', 'The snapshot changed since the run was held; run a new sync', {
        runId,
        userId: error.userId,
      });
    }
  }

  failSyncRun(runId: string, input: FailRunInput): Promise<SyncRun> {
    return writeTransaction(this.#db, async (trx) => {
      const current =
        input.owner === undefined ? await this.#held(trx, runId) : await this.#owned(trx, runId, input.owner);
      const run = endedRun(current, input.status, input.reason, input.outcome, input.error);
      await this.#finish(trx, run, [syncEventDraft(run)]);
      return run;
    });
  }

  async getSyncRun(runId: string): Promise<SyncRun | undefined> {
    const row = await this.#db
      .selectFrom('pk_sync_runs')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirst();
    return row === undefined ? undefined : toRun(row);
  }

  async listSyncRuns(query: SyncRunQuery): Promise<SyncRun[]> {
    let select = this.#db
      .selectFrom('pk_sync_runs')
      .selectAll()
      .where('tenant', '=', query.key.tenant)
      .where('provider', '=', query.key.provider);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.mode !== undefined) select = select.where('mode', '=', query.mode);
    if (query.before !== undefined) select = select.where('started_at', '<', query.before);
    const rows = await select
      .orderBy('started_at', 'desc')
      .orderBy('ordinal', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map(toRun);
  }

  /** Plans every staged change against the rows as they are, writes the entries, returns the events. */
  async #applyStaged(trx: Tx, run: SyncRun, time: string, approval: boolean): Promise<EventDraft[]> {
    const key = keyOf(run);
    const context = { key, source: 'sync' as const, time, runId: run.id };
    const drafts: EventDraft[] = [];
    let after = -1;
    for (;;) {
      const rows = await trx
        .selectFrom('pk_staged_changes')
        .select(['idx', 'change'])
        .where('run_id', '=', run.id)
        .where('idx', '>', after)
        .orderBy('idx')
        .limit(LOOKUP_CHUNK)
        .execute();
      if (rows.length === 0) return drafts;
      after = rows.at(-1)!.idx;
      const changes = rows.map((row) => JSON.parse(row.change) as StagedChange);
      const current = await readEntries(
        trx,
        key,
        changes.map((change) => change.userId),
      );
      const entries: SnapshotEntry[] = [];
      for (const change of changes) {
        const plan = planStagedChange(current.get(change.userId), change, context);
        if (!plan.apply && plan.why === 'moved' && approval) throw new StaleApproval(change.userId);
        if (!plan.apply) continue;
        current.set(change.userId, plan.entry);
        entries.push(plan.entry);
        if (plan.event !== undefined) drafts.push(plan.event);
      }
      await writeEntries(trx, key, entries);
    }
  }

  #markStale(runId: string, at: string): Promise<void> {
    return writeTransaction(this.#db, async (trx) => {
      const current = await this.#held(trx, runId);
      const run = endedRun(current, 'failed', 'stale', {
        counts: current.counts,
        durationMs: 0,
        finishedAt: at,
      });
      await this.#finish(trx, run, [syncEventDraft(run)]);
    });
  }

  /** Writes an ended (or completed) run, releases its lease, drops its staging, logs its events. */
  async #finish(trx: Tx, run: SyncRun, drafts: readonly EventDraft[]): Promise<void> {
    await this.#update(trx, run);
    await trx.deleteFrom('pk_staged_changes').where('run_id', '=', run.id).execute();
    await appendEvents(trx, keyOf(run), drafts);
  }

  async #update(trx: Tx, run: SyncRun): Promise<void> {
    await trx
      .updateTable('pk_sync_runs')
      .set({ ...runColumns(run), owner: null, lease_until: null })
      .where('id', '=', run.id)
      .execute();
  }

  async #load(trx: Tx, runId: string) {
    const row = await trx.selectFrom('pk_sync_runs').selectAll().where('id', '=', runId).executeTakeFirst();
    if (row === undefined) throw runNotFound(runId);
    return row;
  }

  async #owned(trx: Tx, runId: string, owner: string): Promise<SyncRun> {
    const row = await this.#load(trx, runId);
    if (row.status !== 'running' || row.owner !== owner) {
      throw storeConflict('lease_lost', 'This sync run is no longer owned by its caller', { runId });
    }
    return toRun(row);
  }

  async #held(trx: Tx, runId: string): Promise<SyncRun> {
    const row = await this.#load(trx, runId);
    if (row.status !== 'held') {
      throw storeConflict('not_open', `The sync run is ${row.status}, not held`, {
        runId,
        status: row.status,
      });
    }
    return toRun(row);
  }
}

function keyOf(run: SyncRun): ConnectionKey {
  return { tenant: run.tenant, provider: run.provider };
}
