import type { WebhookAttempt, WebhookDelivery } from '@provisionkit/core';
import { formatCursor } from '@provisionkit/core/store';
import { type Selectable, sql } from 'kysely';
import type { WebhookDeliveriesTable } from './database.js';
import { QueryTemplate } from './query-template.js';
import { chunks, type Db, INSERT_CHUNK, LOOKUP_CHUNK, type Tx } from './store-context.js';

/**
 * The statements a delivery worker runs for every delivery (enqueue, claim, record), as templates
 * compiled once per size: at thousands of deliveries a second, building and compiling the same
 * Kysely queries again was most of the store's time.
 */

const NEW_DELIVERY_COLUMNS = ['ordinal', 'id', 'event_id', 'event_position'] as const;
const DELIVERY_COLUMNS = [
  'ordinal',
  'id',
  'subscription_id',
  'event_id',
  'event_position',
  'status',
  'attempts',
  'next_attempt_at',
  'lease_owner',
  'lease_until',
  'last_status_code',
  'last_error',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof WebhookDeliveriesTable)[];
const ATTEMPT_COLUMNS = [
  'delivery_id',
  'attempt',
  'started_at',
  'duration_ms',
  'status_code',
  'error',
  'outcome',
] as const;

const DELIVERY_ID = /^dlv_(\d{12})$/;

/**
 * The ordinal (row id) of a delivery id (`dlv_` + the zero-padded ordinal, see `deliveryId`), or
 * undefined for an id this store never made. Deliveries are looked up by it: one b-tree instead of
 * the id index and then the table.
 */
export function deliveryOrdinal(id: string): number | undefined {
  const match = DELIVERY_ID.exec(id);
  return match === null ? undefined : Number(match[1]);
}

/** The ordinals of `ids`, leaving out ids this store never made (no delivery has them). */
function ordinalsOf(ids: readonly string[]): number[] {
  const ordinals: number[] = [];
  for (const id of ids) {
    const ordinal = deliveryOrdinal(id);
    if (ordinal !== undefined) ordinals.push(ordinal);
  }
  return ordinals;
}

/**
 * New `pending` deliveries of one subscription, due `due`, leased when `owner` is set. What every
 * new row holds alike is written into the SQL as literals rather than bound per row: a 100-row
 * insert then binds 1,000 parameters instead of 1,400, and binding is much of its cost.
 */
const insertNewDeliveries = new QueryTemplate((db, slots, size) =>
  db.insertInto('pk_webhook_deliveries').values(
    slots.rows('new', NEW_DELIVERY_COLUMNS, size).map((row) => ({
      ordinal: row.ordinal as number,
      id: row.id as string,
      event_id: row.event_id as string,
      event_position: row.event_position as number,
      subscription_id: slots.value('subscription') as string,
      status: sql.lit('pending'),
      attempts: sql.lit(0),
      next_attempt_at: slots.value('due') as string,
      lease_owner: slots.value('owner') as string | null,
      lease_until: slots.value('leaseUntil') as string | null,
      last_status_code: sql.lit(null),
      last_error: sql.lit(null),
      created_at: slots.value('now') as string,
      updated_at: slots.value('now') as string,
    })),
  ),
);

/** A new delivery row: its ordinal, id, event id and event position. */
export type NewDeliveryRow = readonly [ordinal: number, id: string, eventId: string, position: number];

/** A lease taken as deliveries are created: they are due again when it ends. */
export interface NewLease {
  readonly owner: string;
  readonly leaseUntil: string;
}

/** Inserts new deliveries created `now`: due now, or, with a lease, leased and due when it ends. */
export async function insertDeliveries(
  trx: Tx,
  subscriptionId: string,
  now: string,
  rows: readonly NewDeliveryRow[],
  lease?: NewLease,
): Promise<void> {
  const values = {
    subscription: subscriptionId,
    now,
    due: lease?.leaseUntil ?? now,
    owner: lease?.owner ?? null,
    leaseUntil: lease?.leaseUntil ?? null,
  };
  for (const chunk of chunks(rows, INSERT_CHUNK)) {
    await insertNewDeliveries.execute(trx, chunk.length, { values, rows: { new: chunk } });
  }
}

const dueDelivery = new QueryTemplate((db, slots) =>
  db
    .selectFrom('pk_webhook_deliveries as d')
    .innerJoin('pk_webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select('d.ordinal')
    .where('d.status', '=', sql.lit('pending'))
    .where('s.status', '=', 'enabled')
    .where('d.next_attempt_at', '<=', slots.value('now') as string)
    .limit(1),
);

/**
 * Whether any delivery is due at `now` (leased ones are due when their lease ends), read without
 * taking the write lock: a claim with nothing to claim then costs no write transaction.
 */
export async function anyDue(db: Db | Tx, now: string): Promise<boolean> {
  return (await dueDelivery.execute(db, 1, { values: { now } })).rows.length > 0;
}

const leaseDeliveries = new QueryTemplate((db, slots, size) =>
  db
    .updateTable('pk_webhook_deliveries')
    // Due again when the lease ends: a claim then skips leased deliveries by the index alone.
    .set({
      lease_owner: slots.value('owner') as string,
      lease_until: slots.value('leaseUntil') as string,
      next_attempt_at: slots.value('leaseUntil') as string,
      updated_at: slots.value('now') as string,
    })
    .where('ordinal', 'in', slots.list('ordinals', size) as number[]),
);

/** Leases the deliveries `ordinals` (read in the same transaction) to `owner` until `leaseUntil`. */
export async function leaseClaimed(
  trx: Tx,
  ordinals: readonly number[],
  lease: { readonly owner: string; readonly leaseUntil: string; readonly now: string },
): Promise<void> {
  for (const chunk of chunks(ordinals, LOOKUP_CHUNK)) {
    await leaseDeliveries.execute(trx, chunk.length, { values: lease, lists: { ordinals: chunk } });
  }
}

const selectDeliveries = new QueryTemplate((db, slots, size) =>
  db
    .selectFrom('pk_webhook_deliveries')
    .selectAll()
    .where('ordinal', 'in', slots.list('ordinals', size) as number[]),
);

/** The rows of the deliveries `ids`, by id (those that exist). */
export async function deliveryRows(
  trx: Tx,
  ids: readonly string[],
): Promise<Map<string, Selectable<WebhookDeliveriesTable>>> {
  const rows = new Map<string, Selectable<WebhookDeliveriesTable>>();
  for (const chunk of chunks(ordinalsOf(ids), LOOKUP_CHUNK)) {
    const found = await selectDeliveries.execute<Selectable<WebhookDeliveriesTable>>(trx, chunk.length, {
      lists: { ordinals: chunk },
    });
    for (const row of found.rows) rows.set(row.id, row);
  }
  return rows;
}

const rewriteDeliveries = new QueryTemplate((db, slots, size) =>
  db
    .insertInto('pk_webhook_deliveries')
    .values(slots.rows('deliveries', DELIVERY_COLUMNS, size) as unknown as WebhookDeliveriesTable[])
    .onConflict((conflict) =>
      conflict.column('ordinal').doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        attempts: eb.ref('excluded.attempts'),
        next_attempt_at: eb.ref('excluded.next_attempt_at'),
        lease_owner: eb.ref('excluded.lease_owner'),
        lease_until: eb.ref('excluded.lease_until'),
        last_status_code: eb.ref('excluded.last_status_code'),
        last_error: eb.ref('excluded.last_error'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    ),
);

/** Writes delivery rows whole, one statement per chunk instead of one per delivery. */
export async function rewriteDeliveryRows(
  trx: Tx,
  rows: readonly Selectable<WebhookDeliveriesTable>[],
): Promise<void> {
  for (const chunk of chunks(rows, INSERT_CHUNK)) {
    await rewriteDeliveries.execute(trx, chunk.length, {
      rows: { deliveries: chunk.map((row) => DELIVERY_COLUMNS.map((column) => row[column])) },
    });
  }
}

const recordSuccesses = new QueryTemplate((db, slots, size) =>
  db
    .updateTable('pk_webhook_deliveries')
    .set((eb) => {
      // Each delivery's own start as its `updated_at`, in the same statement: attempts end within
      // milliseconds of each other, so grouping by start made a statement for every few deliveries.
      const ordinals = slots.list('ordinals', size) as number[];
      const starts = slots.list('startedAt', size) as string[];
      let updatedAt = eb.case('ordinal').when(ordinals[0]!).then(starts[0]!);
      for (let index = 1; index < size; index += 1) {
        updatedAt = updatedAt.when(ordinals[index]!).then(starts[index]!);
      }
      return {
        status: 'succeeded',
        attempts: eb('attempts', '+', 1),
        next_attempt_at: null,
        lease_owner: null,
        lease_until: null,
        last_status_code: slots.value('statusCode') as number | null,
        last_error: slots.value('error') as string | null,
        updated_at: updatedAt.else(eb.ref('updated_at')).end(),
      };
    })
    .where('ordinal', 'in', slots.list('ordinals', size) as number[])
    // Only pending deliveries are leased (recording releases the lease), so the lease says enough.
    // A `status` condition here would lead SQLite to scan every pending delivery by the claim index
    // instead of looking the ids up.
    .where('lease_owner', '=', slots.value('owner') as string)
    .returning(['id', 'subscription_id']),
);

/**
 * Deliveries per success update: its `case` is read linearly for each row, so a statement costs
 * about the square of its size. 64 measured a quarter less SQLite time for these updates than 128
 * (10,000 deliveries: 23 ms against 30 ms); 32 was no faster.
 */
const SUCCESS_CHUNK = 64;

/**
 * Marks as succeeded the deliveries of `attempts` that `owner` still leases: one statement for all
 * attempts that share a status and error (each keeps its own start as `updated_at`), so no
 * delivery row is read first or back. Returns the deliveries it moved on (id and subscription);
 * the others were lost.
 */
export async function markSucceeded(
  trx: Tx,
  owner: string,
  attempts: readonly WebhookAttempt[],
): Promise<{ id: string; subscription_id: string }[]> {
  // Each attempt with its delivery's ordinal, parsed from the id once.
  const groups = new Map<string, { attempt: WebhookAttempt; ordinal: number }[]>();
  for (const attempt of attempts) {
    const ordinal = deliveryOrdinal(attempt.deliveryId);
    if (ordinal === undefined) continue;
    const key = `${attempt.statusCode ?? ''}\u0000${attempt.error ?? ''}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [{ attempt, ordinal }]);
    else group.push({ attempt, ordinal });
  }
  const updated: { id: string; subscription_id: string }[] = [];
  for (const group of groups.values()) {
    const first = group[0]!.attempt;
    const values = { owner, statusCode: first.statusCode ?? null, error: first.error ?? null };
    for (const chunk of chunks(group, SUCCESS_CHUNK)) {
      const result = await recordSuccesses.execute<{ id: string; subscription_id: string }>(
        trx,
        chunk.length,
        {
          values,
          lists: {
            ordinals: chunk.map((item) => item.ordinal),
            startedAt: chunk.map((item) => item.attempt.startedAt),
          },
        },
      );
      updated.push(...result.rows);
    }
  }
  return updated;
}

const insertAttemptRows = new QueryTemplate((db, slots, size) =>
  db.insertInto('pk_webhook_attempts').values(
    slots.rows('attempts', ATTEMPT_COLUMNS, size).map((row) => ({
      delivery_id: row.delivery_id as string,
      attempt: row.attempt as number,
      started_at: row.started_at as string,
      duration_ms: row.duration_ms as number,
      status_code: row.status_code as number | null,
      error: row.error as string | null,
      outcome: row.outcome as string,
    })),
  ),
);

export async function insertAttempts(trx: Tx, attempts: readonly WebhookAttempt[]): Promise<void> {
  for (const chunk of chunks(attempts, INSERT_CHUNK)) {
    await insertAttemptRows.execute(trx, chunk.length, {
      rows: {
        attempts: chunk.map((attempt) => [
          attempt.deliveryId,
          attempt.attempt,
          attempt.startedAt,
          attempt.durationMs,
          attempt.statusCode ?? null,
          attempt.error ?? null,
          attempt.outcome,
        ]),
      },
    });
  }
}

export function deliveryColumns(
  item: WebhookDelivery,
): Omit<WebhookDeliveriesTable, 'ordinal' | 'event_position'> {
  return {
    id: item.id,
    subscription_id: item.subscriptionId,
    event_id: item.eventId,
    status: item.status,
    attempts: item.attempts,
    next_attempt_at: item.nextAttemptAt ?? null,
    lease_owner: item.leaseOwner ?? null,
    lease_until: item.leaseUntil ?? null,
    last_status_code: item.lastStatusCode ?? null,
    last_error: item.lastError ?? null,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}

export function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  const delivery: WebhookDelivery = {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventCursor: formatCursor(row.event_position),
    status: row.status as WebhookDelivery['status'],
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.next_attempt_at !== null) delivery.nextAttemptAt = row.next_attempt_at;
  if (row.lease_owner !== null) delivery.leaseOwner = row.lease_owner;
  if (row.lease_until !== null) delivery.leaseUntil = row.lease_until;
  if (row.last_status_code !== null) delivery.lastStatusCode = row.last_status_code;
  if (row.last_error !== null) delivery.lastError = row.last_error;
  return delivery;
}
