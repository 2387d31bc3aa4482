import {
  type ConnectionKey,
  type EventDraft,
  normalizeUserName,
  type ProvisionEvent,
  type SnapshotEntry,
  type SnapshotHash,
  type SnapshotRow,
  type SnapshotStore,
  type UserRef,
  type UserWrite,
} from '@provisionkit/core';
import { type Plan, planWrite } from '@provisionkit/core/store';
import { entryColumns, toEntry, toRow } from './rows.js';
import {
  appendEvents,
  chunks,
  type Db,
  INSERT_CHUNK,
  LOOKUP_CHUNK,
  type Tx,
  writeTransaction,
} from './store-context.js';

const SCAN_CHUNK = 5000;

/** `SnapshotStore` through Kysely. */
export class KyselySnapshots implements SnapshotStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Keyset pages over the primary key: no connection is held between chunks. */
  async *scanSnapshotHashes(key: ConnectionKey): AsyncIterable<readonly SnapshotHash[]> {
    let after = '';
    for (;;) {
      const rows = await this.#db
        .selectFrom('pk_snapshot_users')
        .select(['user_id', 'hash'])
        .where('tenant', '=', key.tenant)
        .where('provider', '=', key.provider)
        .where('user_id', '>', after)
        .orderBy('user_id')
        .limit(SCAN_CHUNK)
        .execute();
      // A plain loop: a sync scans every row of the snapshot, and `flatMap` would allocate two
      // short-lived arrays per row on top of the entry itself.
      const live: SnapshotHash[] = [];
      for (const row of rows) if (row.hash !== null) live.push({ userId: row.user_id, hash: row.hash });
      if (live.length > 0) yield live;
      if (rows.length < SCAN_CHUNK) return;
      after = rows.at(-1)!.user_id;
    }
  }

  async getSnapshotRows(key: ConnectionKey, userIds: readonly string[]): Promise<SnapshotRow[]> {
    const entries = await readEntries(this.#db, key, userIds);
    return [...entries.values()].flatMap((entry) => (entry.deleted ? [] : [withoutFlag(entry)]));
  }

  async findSnapshotRow(key: ConnectionKey, ref: UserRef): Promise<SnapshotRow | undefined> {
    let query = this.#db
      .selectFrom('pk_snapshot_users')
      .selectAll()
      .where('tenant', '=', key.tenant)
      .where('provider', '=', key.provider)
      .where('hash', 'is not', null);
    query =
      'id' in ref
        ? query.where('user_id', '=', ref.id)
        : query.where('user_name_key', '=', normalizeUserName(ref.userName));
    const row = await query.orderBy('user_id').executeTakeFirst();
    return row === undefined ? undefined : toRow(row);
  }

  async listSnapshotRows(
    key: ConnectionKey,
    page: { after?: string | undefined; limit: number },
  ): Promise<SnapshotRow[]> {
    const rows = await this.#db
      .selectFrom('pk_snapshot_users')
      .selectAll()
      .where('tenant', '=', key.tenant)
      .where('provider', '=', key.provider)
      .where('hash', 'is not', null)
      .where('user_id', '>', page.after ?? '')
      .orderBy('user_id')
      .limit(page.limit)
      .execute();
    return rows.map(toRow);
  }

  async countSnapshotRows(key: ConnectionKey): Promise<number> {
    const row = await this.#db
      .selectFrom('pk_snapshot_users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('tenant', '=', key.tenant)
      .where('provider', '=', key.provider)
      .where('hash', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  recordUserWrites(key: ConnectionKey, writes: readonly UserWrite[], at: string): Promise<ProvisionEvent[]> {
    return writeTransaction(this.#db, async (trx) => {
      const ids = writes.map((write) => (write.kind === 'delete' ? write.userId : write.user.userId));
      const current = await readEntries(trx, key, ids);
      const plans: (Plan & { apply: true })[] = [];
      for (const write of writes) {
        const userId = write.kind === 'delete' ? write.userId : write.user.userId;
        const plan = planWrite(current.get(userId), write, { key, source: 'provisionkit', time: at });
        if (!plan.apply) continue;
        current.set(userId, plan.entry);
        plans.push(plan);
      }
      await writeEntries(
        trx,
        key,
        plans.map((plan) => plan.entry),
      );
      return appendEvents(
        trx,
        key,
        plans.flatMap((plan): EventDraft[] => (plan.event === undefined ? [] : [plan.event])),
      );
    });
  }
}

/** The stored entries (live or tombstone) of these ids. */
export async function readEntries(
  db: Db | Tx,
  key: ConnectionKey,
  userIds: readonly string[],
): Promise<Map<string, SnapshotEntry>> {
  const entries = new Map<string, SnapshotEntry>();
  for (const ids of chunks([...new Set(userIds)], LOOKUP_CHUNK)) {
    const rows = await db
      .selectFrom('pk_snapshot_users')
      .selectAll()
      .where('tenant', '=', key.tenant)
      .where('provider', '=', key.provider)
      .where('user_id', 'in', ids)
      .execute();
    for (const row of rows) entries.set(row.user_id, toEntry(row));
  }
  return entries;
}

/** Upserts entries (the last entry of an id wins). */
export async function writeEntries(
  trx: Tx,
  key: ConnectionKey,
  entries: readonly SnapshotEntry[],
): Promise<void> {
  const latest = [...new Map(entries.map((entry) => [entry.userId, entry])).values()];
  for (const chunk of chunks(latest, INSERT_CHUNK)) {
    await trx
      .insertInto('pk_snapshot_users')
      .values(chunk.map((entry) => ({ tenant: key.tenant, provider: key.provider, ...entryColumns(entry) })))
      .onConflict((conflict) =>
        conflict.columns(['tenant', 'provider', 'user_id']).doUpdateSet((eb) => ({
          hash: eb.ref('excluded.hash'),
          content: eb.ref('excluded.content'),
          user_name_key: eb.ref('excluded.user_name_key'),
          version: eb.ref('excluded.version'),
          changed_at: eb.ref('excluded.changed_at'),
        })),
      )
      .execute();
  }
}

function withoutFlag(entry: SnapshotEntry & { deleted: false }): SnapshotRow {
  const { deleted: _deleted, ...row } = entry;
  return row;
}
