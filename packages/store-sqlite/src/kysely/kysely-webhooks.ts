import {
  type AttemptResult,
  type ClaimedDelivery,
  type DeliveryQuery,
  type DisableSubscription,
  type EventType,
  type NewWebhookSubscription,
  type ProvisionEvent,
  type RecordedAttempts,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookStatus,
  type WebhookStore,
  type WebhookSubscription,
  type WebhookSubscriptionPatch,
} from '@provisionkit/core';
import {
  applySubscriptionPatch,
  deliveryAfterAttempt,
  deliveryId,
  failingSinceAfter,
  formatCursor,
  matchesSubscription,
  newDelivery,
  newSubscription,
  parseCursor,
  storeConflict,
  subscriptionNotFound,
} from '@provisionkit/core/store';
import type { Selectable } from 'kysely';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookSubscriptionsTable } from './database.js';
import {
  appendEvents,
  chunks,
  type Db,
  eventJson,
  INSERT_CHUNK,
  LOOKUP_CHUNK,
  type Tx,
  takeCounter,
  writeTransaction,
} from './store-context.js';

/** `WebhookStore` through Kysely. */
export class KyselyWebhooks implements WebhookStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  createWebhookSubscription(input: NewWebhookSubscription): Promise<WebhookSubscription> {
    return writeTransaction(this.#db, async (trx) => {
      const taken = await trx
        .selectFrom('pk_webhook_subscriptions')
        .select('id')
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (taken !== undefined) {
        throw storeConflict('duplicate_id', 'A webhook subscription with this id exists', {
          subscriptionId: input.id,
        });
      }
      const last = await trx
        .selectFrom('pk_counters')
        .select('value')
        .where('name', '=', 'position')
        .executeTakeFirstOrThrow();
      const subscription = newSubscription(input, formatCursor(last.value));
      await trx.insertInto('pk_webhook_subscriptions').values(subscriptionColumns(subscription)).execute();
      return subscription;
    });
  }

  async getWebhookSubscription(id: string): Promise<WebhookSubscription | undefined> {
    const row = await this.#db
      .selectFrom('pk_webhook_subscriptions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toSubscription(row);
  }

  async listWebhookSubscriptions(query: {
    tenant?: string | undefined;
    status?: WebhookStatus | undefined;
  }): Promise<WebhookSubscription[]> {
    let select = this.#db.selectFrom('pk_webhook_subscriptions').selectAll();
    if (query.tenant !== undefined) select = select.where('tenant', '=', query.tenant);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    return (await select.orderBy('created_at').orderBy('id').execute()).map(toSubscription);
  }

  updateWebhookSubscription(id: string, patch: WebhookSubscriptionPatch): Promise<WebhookSubscription> {
    return writeTransaction(this.#db, async (trx) => {
      const updated = applySubscriptionPatch(await loadSubscription(trx, id), patch);
      await trx
        .updateTable('pk_webhook_subscriptions')
        .set(subscriptionColumns(updated))
        .where('id', '=', id)
        .execute();
      return updated;
    });
  }

  deleteWebhookSubscription(id: string): Promise<boolean> {
    return writeTransaction(this.#db, async (trx) => {
      const deliveries = trx
        .selectFrom('pk_webhook_deliveries')
        .select('id')
        .where('subscription_id', '=', id);
      await trx.deleteFrom('pk_webhook_attempts').where('delivery_id', 'in', deliveries).execute();
      await trx.deleteFrom('pk_webhook_deliveries').where('subscription_id', '=', id).execute();
      const result = await trx.deleteFrom('pk_webhook_subscriptions').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  enqueueWebhookDeliveries(input: { subscriptionId: string; limit: number; now: string }): Promise<number> {
    return writeTransaction(this.#db, async (trx) => {
      const subscription = await loadSubscription(trx, input.subscriptionId);
      if (subscription.status !== 'enabled') return 0;
      let after = parseCursor(subscription.cursor, 'cursor');
      const deliveries: WebhookDelivery[] = [];
      const positions: number[] = [];
      // Reads the tenant's events in pages, skipping those the endpoint does not want, until `limit` match.
      while (deliveries.length < input.limit) {
        // The columns say enough to match and to make a delivery: no body is parsed here.
        let select = trx
          .selectFrom('pk_events')
          .select(['position', 'id', 'tenant', 'provider', 'type'])
          .where('tenant', '=', subscription.tenant)
          .where('position', '>', after);
        if (subscription.provider !== undefined)
          select = select.where('provider', '=', subscription.provider);
        const rows = await select.orderBy('position').limit(500).execute();
        for (const row of rows) {
          if (deliveries.length >= input.limit) break;
          after = row.position;
          const event = { ...row, type: row.type as EventType, cursor: formatCursor(row.position) };
          if (!matchesSubscription(subscription, event)) continue;
          deliveries.push(newDelivery('', subscription.id, event, input.now));
          positions.push(row.position);
        }
        if (rows.length < 500) {
          // Nothing more for this tenant: the cursor moves to the end of the whole log.
          if (deliveries.length < input.limit) after = Math.max(after, await lastPosition(trx));
          break;
        }
      }
      const first = (await takeCounter(trx, 'delivery', deliveries.length)) + 1;
      const rows = deliveries.map((delivery, index) => ({
        ...deliveryColumns({ ...delivery, id: deliveryId(first + index) }),
        ordinal: first + index,
        event_position: positions[index]!,
      }));
      for (const chunk of chunks(rows, INSERT_CHUNK))
        await trx.insertInto('pk_webhook_deliveries').values(chunk).execute();
      await trx
        .updateTable('pk_webhook_subscriptions')
        .set({ cursor: formatCursor(after) })
        .where('id', '=', subscription.id)
        .execute();
      return deliveries.length;
    });
  }

  claimWebhookDeliveries(input: {
    now: string;
    limit: number;
    owner: string;
    leaseUntil: string;
  }): Promise<ClaimedDelivery[]> {
    return writeTransaction(this.#db, async (trx) => {
      const rows = await trx
        .selectFrom('pk_webhook_deliveries as d')
        .innerJoin('pk_webhook_subscriptions as s', 's.id', 'd.subscription_id')
        .innerJoin('pk_events as e', 'e.position', 'd.event_position')
        .selectAll('d')
        .select(['e.sequence as event_sequence', 'e.body as event_body'])
        .where('d.status', '=', 'pending')
        .where('s.status', '=', 'enabled')
        .where('d.next_attempt_at', '<=', input.now)
        .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', input.now)]))
        .orderBy('d.next_attempt_at')
        .orderBy('d.ordinal')
        .limit(input.limit)
        .execute();
      if (rows.length === 0) return [];
      await trx
        .updateTable('pk_webhook_deliveries')
        // Due again when the lease ends: a claim then skips leased deliveries by the index alone.
        .set({
          lease_owner: input.owner,
          lease_until: input.leaseUntil,
          next_attempt_at: input.leaseUntil,
          updated_at: input.now,
        })
        .where(
          'id',
          'in',
          rows.map((row) => row.id),
        )
        .execute();
      return rows.map((row) => ({
        ...toDelivery({
          ...row,
          lease_owner: input.owner,
          lease_until: input.leaseUntil,
          next_attempt_at: input.leaseUntil,
          updated_at: input.now,
        }),
        body: eventJson({ position: row.event_position, sequence: row.event_sequence, body: row.event_body }),
      }));
    });
  }

  recordWebhookAttempts(input: {
    owner: string;
    results: readonly AttemptResult[];
  }): Promise<RecordedAttempts> {
    if (input.results.length === 0) return Promise.resolve({ recorded: [], lost: [] });
    return writeTransaction(this.#db, async (trx) => {
      const rows = new Map<string, Selectable<WebhookDeliveriesTable>>();
      const ids = [...new Set(input.results.map((result) => result.attempt.deliveryId))];
      for (const chunk of chunks(ids, LOOKUP_CHUNK)) {
        const found = await trx
          .selectFrom('pk_webhook_deliveries')
          .selectAll()
          .where('id', 'in', chunk)
          .execute();
        for (const row of found) rows.set(row.id, row);
      }
      const recorded: WebhookDelivery[] = [];
      const lost: string[] = [];
      const attempts: WebhookAttemptsTable[] = [];
      const subscriptions = new Map<string, WebhookAttempt[]>();
      for (const { attempt, next } of input.results) {
        const row = rows.get(attempt.deliveryId);
        if (row === undefined || row.lease_owner !== input.owner || row.status !== 'pending') {
          lost.push(attempt.deliveryId);
          continue;
        }
        const updated = deliveryAfterAttempt(toDelivery(row), attempt, next);
        // A later attempt of the same delivery in this batch sees this one's outcome.
        rows.set(row.id, { ...row, ...deliveryColumns(updated) });
        recorded.push(updated);
        attempts.push(attemptColumns(attempt));
        const made = subscriptions.get(row.subscription_id);
        if (made === undefined) subscriptions.set(row.subscription_id, [attempt]);
        else made.push(attempt);
      }
      // One statement per chunk instead of one per delivery: the rows are rewritten whole.
      const changed = [...new Set(recorded.map((delivery) => delivery.id))].map((id) => rows.get(id)!);
      for (const chunk of chunks(changed, INSERT_CHUNK)) {
        await trx
          .insertInto('pk_webhook_deliveries')
          .values(chunk)
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
          )
          .execute();
      }
      for (const chunk of chunks(attempts, INSERT_CHUNK)) {
        await trx.insertInto('pk_webhook_attempts').values(chunk).execute();
      }
      for (const [id, made] of subscriptions) {
        let failingSince = await failingSinceOf(trx, id);
        for (const attempt of made) failingSince = failingSinceAfter(failingSince, attempt);
        await trx
          .updateTable('pk_webhook_subscriptions')
          .set({ failing_since: failingSince ?? null })
          .where('id', '=', id)
          .execute();
      }
      return { recorded, lost };
    });
  }

  disableWebhookSubscription(
    input: DisableSubscription,
  ): Promise<{ subscription: WebhookSubscription; event: ProvisionEvent | undefined }> {
    return writeTransaction(this.#db, async (trx) => {
      const current = await loadSubscription(trx, input.id);
      if (current.status !== 'enabled') return { subscription: current, event: undefined };
      const disabled = applySubscriptionPatch(current, {
        status: 'disabled',
        disabledReason: input.reason,
        updatedAt: input.at,
      });
      await trx
        .updateTable('pk_webhook_subscriptions')
        .set(subscriptionColumns(disabled))
        .where('id', '=', disabled.id)
        .execute();
      const key = { tenant: input.event.tenant, provider: input.event.provider };
      const [event] = await appendEvents(trx, key, [input.event]);
      return { subscription: disabled, event };
    });
  }

  async listWebhookDeliveries(query: DeliveryQuery): Promise<WebhookDelivery[]> {
    let select = this.#db
      .selectFrom('pk_webhook_deliveries')
      .selectAll()
      .where('subscription_id', '=', query.subscriptionId);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.after !== undefined) select = select.where('id', '>', query.after);
    return (await select.orderBy('ordinal').limit(query.limit).execute()).map(toDelivery);
  }

  async listWebhookAttempts(deliveryId: string): Promise<WebhookAttempt[]> {
    const rows = await this.#db
      .selectFrom('pk_webhook_attempts')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .orderBy('attempt')
      .execute();
    return rows.map((row) => ({
      deliveryId: row.delivery_id,
      attempt: row.attempt,
      startedAt: row.started_at,
      durationMs: row.duration_ms,
      ...(row.status_code === null ? {} : { statusCode: row.status_code }),
      ...(row.error === null ? {} : { error: row.error }),
      outcome: row.outcome as WebhookAttempt['outcome'],
    }));
  }
}

async function loadSubscription(trx: Tx, id: string): Promise<WebhookSubscription> {
  const row = await trx
    .selectFrom('pk_webhook_subscriptions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw subscriptionNotFound(id);
  return toSubscription(row);
}

async function failingSinceOf(trx: Tx, subscriptionId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('pk_webhook_subscriptions')
    .select('failing_since')
    .where('id', '=', subscriptionId)
    .executeTakeFirst();
  return row?.failing_since ?? undefined;
}

function attemptColumns(attempt: WebhookAttempt): WebhookAttemptsTable {
  return {
    delivery_id: attempt.deliveryId,
    attempt: attempt.attempt,
    started_at: attempt.startedAt,
    duration_ms: attempt.durationMs,
    status_code: attempt.statusCode ?? null,
    error: attempt.error ?? null,
    outcome: attempt.outcome,
  };
}

async function lastPosition(trx: Tx): Promise<number> {
  return (
    await trx
      .selectFrom('pk_counters')
      .select('value')
      .where('name', '=', 'position')
      .executeTakeFirstOrThrow()
  ).value;
}

function subscriptionColumns(item: WebhookSubscription): WebhookSubscriptionsTable {
  return {
    id: item.id,
    tenant: item.tenant,
    provider: item.provider ?? null,
    url: item.url,
    event_types: item.eventTypes === undefined ? null : JSON.stringify(item.eventTypes),
    secrets: JSON.stringify(item.secrets),
    status: item.status,
    disabled_reason: item.disabledReason ?? null,
    disabled_at: item.disabledAt ?? null,
    failing_since: item.failingSince ?? null,
    cursor: item.cursor,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}

function toSubscription(row: Selectable<WebhookSubscriptionsTable>): WebhookSubscription {
  return {
    id: row.id,
    tenant: row.tenant,
    ...(row.provider === null ? {} : { provider: row.provider }),
    url: row.url,
    ...(row.event_types === null ? {} : { eventTypes: JSON.parse(row.event_types) as string[] }),
    secrets: JSON.parse(row.secrets),
    status: row.status as WebhookStatus,
    ...(row.disabled_reason === null ? {} : { disabledReason: row.disabled_reason }),
    ...(row.disabled_at === null ? {} : { disabledAt: row.disabled_at }),
    ...(row.failing_since === null ? {} : { failingSince: row.failing_since }),
    cursor: row.cursor,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function deliveryColumns(item: WebhookDelivery): Omit<WebhookDeliveriesTable, 'ordinal' | 'event_position'> {
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

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
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
