import type { EventDraft, ProvisionEvent } from '@provisionkit/core';
import { type ConnectionKey } from '@provisionkit/core';
import { formatCursor } from '@provisionkit/core/store';
import type { Kysely, Transaction } from 'kysely';
import type { StoreDatabase } from './database.js';

export type Db = Kysely<StoreDatabase>;
export type Tx = Transaction<StoreDatabase>;

/** Rows per multi-row insert: well under every dialect's bound-parameter limit. */
export const INSERT_CHUNK = 100;
/** Ids per `in (...)` lookup. */
export const LOOKUP_CHUNK = 500;

/**
 * Runs `body` in a transaction whose first statement is a write to the `writer` counter row. That
 * takes the database's write lock up front (SQLite waits for it through its busy timeout instead of
 * failing a read-then-write upgrade; Postgres queues writers on the row lock), so writers are
 * serialised and log positions are handed out in commit order.
 */
export function writeTransaction<T>(db: Db, body: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('pk_counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', 'writer')
      .execute();
    return body(trx);
  });
}

/** Adds `by` to a counter and returns its previous value (call inside `writeTransaction`). */
export async function takeCounter(
  trx: Tx,
  name: 'position' | 'run' | 'delivery',
  by: number,
): Promise<number> {
  const row = await trx
    .selectFrom('pk_counters')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('pk_counters')
    .set({ value: row.value + by })
    .where('name', '=', name)
    .execute();
  return row.value;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** Gives drafts their per-connection sequence and log position, and inserts them. */
export async function appendEvents(
  trx: Tx,
  key: ConnectionKey,
  drafts: readonly EventDraft[],
): Promise<ProvisionEvent[]> {
  if (drafts.length === 0) return [];
  const current = await trx
    .selectFrom('pk_connections')
    .select('last_sequence')
    .where('tenant', '=', key.tenant)
    .where('provider', '=', key.provider)
    .executeTakeFirst();
  const firstSequence = (current?.last_sequence ?? 0) + 1;
  const lastSequence = firstSequence + drafts.length - 1;
  await trx
    .insertInto('pk_connections')
    .values({ tenant: key.tenant, provider: key.provider, last_sequence: lastSequence })
    .onConflict((conflict) =>
      conflict.columns(['tenant', 'provider']).doUpdateSet({ last_sequence: lastSequence }),
    )
    .execute();
  const firstPosition = (await takeCounter(trx, 'position', drafts.length)) + 1;
  const events = drafts.map(
    (draft, index) =>
      ({
        ...draft,
        sequence: firstSequence + index,
        cursor: formatCursor(firstPosition + index),
      }) as ProvisionEvent,
  );
  for (const chunk of chunks(events, INSERT_CHUNK)) {
    await trx
      .insertInto('pk_events')
      .values(
        chunk.map((event) => {
          const { sequence, cursor, ...body } = event;
          return {
            position: Number(cursor),
            id: event.id,
            tenant: event.tenant,
            provider: event.provider,
            sequence,
            type: event.type,
            time: event.time,
            body: JSON.stringify(body),
          };
        }),
      )
      .execute();
  }
  return events;
}

/** An event row back into an event. */
export function toEvent(row: { position: number; sequence: number; body: string }): ProvisionEvent {
  return {
    ...JSON.parse(row.body),
    sequence: row.sequence,
    cursor: formatCursor(row.position),
  } as ProvisionEvent;
}

/**
 * An event row as the JSON text of its event, without parsing it: the stored body (the event
 * without `sequence` and `cursor`) with those two appended, which is exactly what
 * `JSON.stringify(toEvent(row))` gives.
 */
export function eventJson(row: { position: number; sequence: number; body: string }): string {
  const fields = `"sequence":${row.sequence},"cursor":${JSON.stringify(formatCursor(row.position))}`;
  return row.body === '{}' ? `{${fields}}` : `${row.body.slice(0, -1)},${fields}}`;
}
