import {
  type ClaimDeliveries,
  type ClaimedDelivery,
  type ClaimNewDeliveries,
  type DeliveryQuery,
  type DisableSubscription,
  type EnqueueDeliveries,
  type NewWebhookSubscription,
  type ProvisionEvent,
  type RecordAttempts,
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
  formatCursor,
  newSubscription,
  storeConflict,
  subscriptionNotFound,
} from '@provisionkit/core/store';
import { type Selectable, sql } from 'kysely';
import type { WebhookSubscriptionsTable } from './database.js';
import { anyDue, deliveryOrdinal, leaseClaimed, toDelivery } from './delivery-statements.js';
import { enqueueIn } from './kysely-enqueue.js';
import { recordAttemptsIn } from './kysely-record.js';
import { appendEvents, type Db, eventJson, type Tx, writeTransaction } from './store-context.js';

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

  enqueueWebhookDeliveries(input: EnqueueDeliveries): Promise<number> {
    return writeTransaction(this.#db, async (trx) => {
      const subscription = await loadSubscription(trx, input.subscriptionId);
      return (await enqueueIn(trx, subscription, input)).length;
    });
  }

  claimNewWebhookDeliveries(input: ClaimNewDeliveries): Promise<ClaimedDelivery[]> {
    return writeTransaction(this.#db, async (trx) => {
      const subscription = await loadSubscription(trx, input.subscriptionId);
      return enqueueIn(trx, subscription, input, { owner: input.owner, leaseUntil: input.leaseUntil });
    });
  }

  async claimWebhookDeliveries(input: ClaimDeliveries): Promise<ClaimedDelivery[]> {
    if (!(await anyDue(this.#db, input.now))) return [];
    return writeTransaction(this.#db, async (trx) => {
      const rows = await trx
        .selectFrom('pk_webhook_deliveries as d')
        .innerJoin('pk_webhook_subscriptions as s', 's.id', 'd.subscription_id')
        .innerJoin('pk_events as e', 'e.position', 'd.event_position')
        .selectAll('d')
        .select(['e.sequence as event_sequence', 'e.body as event_body', 'e.type as event_type'])
        // A literal, so that SQLite sees the claim index's condition in the query and uses it.
        .where('d.status', '=', sql.lit('pending'))
        .where('s.status', '=', 'enabled')
        .where('d.next_attempt_at', '<=', input.now)
        .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', input.now)]))
        .orderBy('d.next_attempt_at')
        .orderBy('d.ordinal')
        .limit(input.limit)
        .execute();
      if (rows.length === 0) return [];
      await leaseClaimed(
        trx,
        rows.map((row) => row.ordinal),
        { owner: input.owner, leaseUntil: input.leaseUntil, now: input.now },
      );
      return rows.map((row) => ({
        ...toDelivery({
          ...row,
          lease_owner: input.owner,
          lease_until: input.leaseUntil,
          next_attempt_at: input.leaseUntil,
          updated_at: input.now,
        }),
        body: eventJson({ position: row.event_position, sequence: row.event_sequence, body: row.event_body }),
        eventType: row.event_type,
      }));
    });
  }

  recordWebhookAttempts(input: RecordAttempts): Promise<RecordedAttempts> {
    if (input.results.length === 0) return Promise.resolve({ recorded: [], lost: [] });
    return writeTransaction(this.#db, (trx) => recordAttemptsIn(trx, input.owner, input.results));
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
    if (query.after !== undefined) {
      // Ids sort as their ordinals do; an id this store never made sorts by its text.
      const after = deliveryOrdinal(query.after);
      select =
        after === undefined ? select.where('id', '>', query.after) : select.where('ordinal', '>', after);
    }
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
