import type { ClaimedDelivery, EventType, WebhookSubscription } from '@provisionkit/core';
import { deliveryId, formatCursor, matchesSubscription, parseCursor } from '@provisionkit/core/store';
import { insertDeliveries, type NewDeliveryRow, type NewLease } from './delivery-statements.js';
import { eventJson, type Tx, takeCounter } from './store-context.js';

/** Events read per page at most while looking for those a subscription wants. */
const EVENT_PAGE = 500;

/** One event a subscription wants: what its delivery row needs, and its body when leased. */
interface MatchedEvent {
  readonly position: number;
  readonly id: string;
  readonly sequence: number;
  readonly type: string;
  readonly body: string;
}

/**
 * Turns up to `limit` events after the subscription's cursor into deliveries (leased to
 * `lease.owner` when a lease is given) and moves the cursor past every event read. Returns the
 * deliveries as claimed ones, bodies included, in log order; call inside `writeTransaction`.
 */
export async function enqueueIn(
  trx: Tx,
  subscription: WebhookSubscription,
  input: { readonly limit: number; readonly now: string },
  lease?: NewLease,
): Promise<ClaimedDelivery[]> {
  if (subscription.status !== 'enabled') return [];
  let after = parseCursor(subscription.cursor, 'cursor');
  const matched: MatchedEvent[] = [];
  // Reads the tenant's events in pages, skipping those the endpoint does not want, until `limit`
  // match. Bodies are read (never parsed) only for a lease, which sends them.
  while (matched.length < input.limit) {
    // An endpoint wanting every event reads no more rows than it still wants (bodies are large);
    // one choosing event types reads whole pages, as most rows may be skipped.
    const page =
      subscription.eventTypes === undefined ? Math.min(EVENT_PAGE, input.limit - matched.length) : EVENT_PAGE;
    let select = trx
      .selectFrom('pk_events')
      .select(['position', 'id', 'provider', 'type', 'sequence'])
      .$if(lease !== undefined, (query) => query.select('body'))
      .where('tenant', '=', subscription.tenant)
      .where('position', '>', after);
    if (subscription.provider !== undefined) select = select.where('provider', '=', subscription.provider);
    const rows = await select.orderBy('position').limit(page).execute();
    for (const row of rows) {
      if (matched.length >= input.limit) break;
      after = row.position;
      const event = { tenant: subscription.tenant, provider: row.provider, type: row.type as EventType };
      if (!matchesSubscription(subscription, event)) continue;
      matched.push({
        position: row.position,
        id: row.id,
        sequence: row.sequence,
        type: row.type,
        body: row.body ?? '',
      });
    }
    if (rows.length < page) {
      // Nothing more for this tenant: the cursor moves to the end of the whole log.
      if (matched.length < input.limit) after = Math.max(after, await lastPosition(trx));
      break;
    }
  }
  const first = (await takeCounter(trx, 'delivery', matched.length)) + 1;
  const rows = matched.map((event, index): NewDeliveryRow => {
    const ordinal = first + index;
    return [ordinal, deliveryId(ordinal), event.id, event.position];
  });
  await insertDeliveries(trx, subscription.id, input.now, rows, lease);
  await trx
    .updateTable('pk_webhook_subscriptions')
    .set({ cursor: formatCursor(after) })
    .where('id', '=', subscription.id)
    .execute();
  return matched.map((event, index) => claimed(subscription.id, event, rows[index]![1], input.now, lease));
}

function claimed(
  subscriptionId: string,
  event: MatchedEvent,
  id: string,
  now: string,
  lease: NewLease | undefined,
): ClaimedDelivery {
  const delivery: ClaimedDelivery = {
    id,
    subscriptionId,
    eventId: event.id,
    eventCursor: formatCursor(event.position),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: lease?.leaseUntil ?? now,
    createdAt: now,
    updatedAt: now,
    body: lease === undefined ? '' : eventJson(event),
    eventType: event.type,
  };
  if (lease !== undefined) {
    delivery.leaseOwner = lease.owner;
    delivery.leaseUntil = lease.leaseUntil;
  }
  return delivery;
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
