import type {
  ApplyEntry,
  ApplyJournal,
  ApplyJournalStore,
  ApplyOutcome,
  BeginApply,
} from '@provisionkit/core';
import { applyTakeover, type JournalLease, journalLost, ownsJournal } from '@provisionkit/core/store';
import type { Selectable } from 'kysely';
import type { ApplyJournalsTable } from './database.js';
import { chunks, type Db, INSERT_CHUNK, type Tx, writeTransaction } from './store-context.js';

/** `ApplyJournalStore` through Kysely. */
export class KyselyJournals implements ApplyJournalStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  beginApply(input: BeginApply): Promise<{ journal: ApplyJournal; resumed: boolean }> {
    return writeTransaction(this.#db, async (trx) => {
      const existing = await lease(trx, input.planId);
      const decision = applyTakeover(existing, input);
      if (decision === 'finished') return { journal: existing!.journal, resumed: false };
      if (decision === 'resume') {
        await trx
          .updateTable('pk_apply_journals')
          .set({ owner: input.owner, lease_until: input.leaseUntil })
          .where('plan_id', '=', input.planId)
          .execute();
        return { journal: existing!.journal, resumed: true };
      }
      await trx
        .insertInto('pk_apply_journals')
        .values({
          plan_id: input.planId,
          plan_digest: input.planDigest,
          status: 'running',
          started_at: input.startedAt,
          finished_at: null,
          outcome: null,
          owner: input.owner,
          lease_until: input.leaseUntil,
        })
        .execute();
      const journal: ApplyJournal = {
        planId: input.planId,
        planDigest: input.planDigest,
        status: 'running',
        startedAt: input.startedAt,
      };
      return { journal, resumed: false };
    });
  }

  renewApplyLease(planId: string, owner: string, leaseUntil: string): Promise<void> {
    return writeTransaction(this.#db, async (trx) => {
      await owned(trx, planId, owner);
      await trx
        .updateTable('pk_apply_journals')
        .set({ lease_until: leaseUntil })
        .where('plan_id', '=', planId)
        .execute();
    });
  }

  recordApplyEntries(planId: string, owner: string, entries: readonly ApplyEntry[]): Promise<void> {
    return writeTransaction(this.#db, async (trx) => {
      await owned(trx, planId, owner);
      for (const chunk of chunks(entries, INSERT_CHUNK)) {
        await trx
          .insertInto('pk_apply_entries')
          .values(
            chunk.map((entry) => ({
              plan_id: planId,
              action_id: entry.actionId,
              status: entry.status,
              user_id: entry.userId ?? null,
              error: entry.error === undefined ? null : JSON.stringify(entry.error),
              at: entry.at,
            })),
          )
          .onConflict((conflict) =>
            conflict.columns(['plan_id', 'action_id']).doUpdateSet((eb) => ({
              status: eb.ref('excluded.status'),
              user_id: eb.ref('excluded.user_id'),
              error: eb.ref('excluded.error'),
              at: eb.ref('excluded.at'),
            })),
          )
          .execute();
      }
    });
  }

  async listApplyEntries(
    planId: string,
    page: { after?: string | undefined; limit: number },
  ): Promise<ApplyEntry[]> {
    let select = this.#db.selectFrom('pk_apply_entries').selectAll().where('plan_id', '=', planId);
    if (page.after !== undefined) select = select.where('action_id', '>', page.after);
    const rows = await select.orderBy('action_id').limit(page.limit).execute();
    return rows.map((row) => ({
      actionId: row.action_id,
      status: row.status as ApplyEntry['status'],
      ...(row.user_id === null ? {} : { userId: row.user_id }),
      ...(row.error === null ? {} : { error: JSON.parse(row.error) }),
      at: row.at,
    }));
  }

  finishApply(
    planId: string,
    owner: string,
    input: { readonly finishedAt: string; readonly outcome: ApplyOutcome },
  ): Promise<ApplyJournal> {
    return writeTransaction(this.#db, async (trx) => {
      const existing = await owned(trx, planId, owner);
      await trx
        .updateTable('pk_apply_journals')
        .set({
          status: 'finished',
          finished_at: input.finishedAt,
          outcome: JSON.stringify(input.outcome),
          owner: null,
          lease_until: null,
        })
        .where('plan_id', '=', planId)
        .execute();
      return {
        ...existing.journal,
        status: 'finished' as const,
        finishedAt: input.finishedAt,
        outcome: input.outcome,
      };
    });
  }

  releaseApply(planId: string, owner: string): Promise<void> {
    return writeTransaction(this.#db, async (trx) => {
      await owned(trx, planId, owner);
      await trx
        .updateTable('pk_apply_journals')
        .set({ owner: null, lease_until: null })
        .where('plan_id', '=', planId)
        .execute();
    });
  }

  async getApplyJournal(planId: string): Promise<ApplyJournal | undefined> {
    return (await lease(this.#db, planId))?.journal;
  }
}

async function lease(db: Db | Tx, planId: string): Promise<JournalLease | undefined> {
  const row = await db
    .selectFrom('pk_apply_journals')
    .selectAll()
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return row === undefined ? undefined : toLease(row);
}

/** The journal `owner` holds, else `lease_lost`. */
async function owned(trx: Tx, planId: string, owner: string): Promise<JournalLease> {
  const existing = await lease(trx, planId);
  if (!ownsJournal(existing, owner)) throw journalLost(planId);
  return existing!;
}

function toLease(row: Selectable<ApplyJournalsTable>): JournalLease {
  const journal: ApplyJournal = {
    planId: row.plan_id,
    planDigest: row.plan_digest,
    status: row.status as ApplyJournal['status'],
    startedAt: row.started_at,
    ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
    ...(row.outcome === null ? {} : { outcome: JSON.parse(row.outcome) as ApplyOutcome }),
  };
  return { journal, owner: row.owner ?? undefined, leaseUntil: row.lease_until ?? undefined };
}
