import type { ProvisionEvent } from '../../events/provision-event.js';
import { keyOfDraft } from '../connection-key.js';
import type { DeliveryQuery, WebhookStore } from '../state-store.js';
import { formatCursor, parseCursor, storeConflict, subscriptionNotFound } from '../store-errors.js';
import type {
  ClaimDeliveries,
  ClaimedDelivery,
  ClaimNewDeliveries,
  DisableSubscription,
  EnqueueDeliveries,
  NewWebhookSubscription,
  RecordAttempts,
  RecordedAttempts,
  WebhookAttempt,
  WebhookDelivery,
  WebhookStatus,
  WebhookSubscription,
  WebhookSubscriptionPatch,
} from '../webhook-records.js';
import {
  applySubscriptionPatch,
  deliveryAfterAttempt,
  deliveryId,
  failingSinceAfter,
  matchesSubscription,
  newDelivery,
  newSubscription,
} from '../webhook-rules.js';
import type { MemoryData } from './memory-data.js';

/** `WebhookStore` over `MemoryData`. */
export class MemoryWebhooks implements WebhookStore {
  readonly #data: MemoryData;

  constructor(data: MemoryData) {
    this.#data = data;
  }

  async createWebhookSubscription(input: NewWebhookSubscription): Promise<WebhookSubscription> {
    this.#data.ensureOpen();
    if (this.#data.subscriptions.has(input.id)) {
      throw storeConflict('duplicate_id', 'A webhook subscription with this id exists', {
        subscriptionId: input.id,
      });
    }
    const subscription = newSubscription(input, formatCursor(this.#data.lastPosition));
    this.#data.subscriptions.set(subscription.id, subscription);
    return structuredClone(subscription);
  }

  async getWebhookSubscription(id: string): Promise<WebhookSubscription | undefined> {
    this.#data.ensureOpen();
    const found = this.#data.subscriptions.get(id);
    return found === undefined ? undefined : structuredClone(found);
  }

  async listWebhookSubscriptions(query: {
    tenant?: string | undefined;
    status?: WebhookStatus | undefined;
  }): Promise<WebhookSubscription[]> {
    this.#data.ensureOpen();
    return [...this.#data.subscriptions.values()]
      .filter(
        (item) =>
          (query.tenant === undefined || item.tenant === query.tenant) &&
          (query.status === undefined || item.status === query.status),
      )
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
      .map((item) => structuredClone(item));
  }

  async updateWebhookSubscription(id: string, patch: WebhookSubscriptionPatch): Promise<WebhookSubscription> {
    this.#data.ensureOpen();
    const current = this.#data.subscriptions.get(id);
    if (current === undefined) throw subscriptionNotFound(id);
    const updated = applySubscriptionPatch(current, patch);
    this.#data.subscriptions.set(id, updated);
    return structuredClone(updated);
  }

  async deleteWebhookSubscription(id: string): Promise<boolean> {
    this.#data.ensureOpen();
    if (!this.#data.subscriptions.delete(id)) return false;
    for (const [deliveryId, delivery] of this.#data.deliveries) {
      if (delivery.subscriptionId !== id) continue;
      this.#data.deliveries.delete(deliveryId);
      this.#data.attempts.delete(deliveryId);
    }
    return true;
  }

  async enqueueWebhookDeliveries(input: EnqueueDeliveries): Promise<number> {
    this.#data.ensureOpen();
    return this.#enqueue(input).length;
  }

  async claimNewWebhookDeliveries(input: ClaimNewDeliveries): Promise<ClaimedDelivery[]> {
    this.#data.ensureOpen();
    return this.#enqueue(input).map(({ delivery, event }) => this.#lease(delivery, event, input));
  }

  /** Turns events after the cursor into deliveries and moves the cursor past those read. */
  #enqueue(input: EnqueueDeliveries) {
    const subscription = this.#data.subscriptions.get(input.subscriptionId);
    if (subscription === undefined) throw subscriptionNotFound(input.subscriptionId);
    if (subscription.status !== 'enabled') return [];
    const after = parseCursor(subscription.cursor, 'cursor');
    let last = after;
    const created: { delivery: WebhookDelivery; event: ProvisionEvent }[] = [];
    for (const { position, event } of this.#data.events) {
      if (position <= after) continue;
      if (created.length >= input.limit) break;
      last = position;
      if (!matchesSubscription(subscription, event)) continue;
      this.#data.deliveryCounter += 1;
      const delivery = newDelivery(deliveryId(this.#data.deliveryCounter), subscription.id, event, input.now);
      this.#data.deliveries.set(delivery.id, delivery);
      created.push({ delivery, event });
    }
    this.#data.subscriptions.set(subscription.id, { ...subscription, cursor: formatCursor(last) });
    return created;
  }

  /** Leases a delivery to `owner`: due again when the lease ends. */
  #lease(
    delivery: WebhookDelivery,
    event: ProvisionEvent,
    lease: { owner: string; leaseUntil: string; now: string },
  ): ClaimedDelivery {
    const leased = {
      ...delivery,
      leaseOwner: lease.owner,
      leaseUntil: lease.leaseUntil,
      nextAttemptAt: lease.leaseUntil,
      updatedAt: lease.now,
    };
    this.#data.deliveries.set(delivery.id, leased);
    return { ...structuredClone(leased), body: JSON.stringify(event), eventType: event.type };
  }

  async claimWebhookDeliveries(input: ClaimDeliveries): Promise<ClaimedDelivery[]> {
    this.#data.ensureOpen();
    const claimed: ClaimedDelivery[] = [];
    // Delivery ids sort in creation order: earliest due first, then oldest.
    const order = [...this.#data.deliveries.values()].sort(
      (a, b) => compare(a.nextAttemptAt ?? '', b.nextAttemptAt ?? '') || compare(a.id, b.id),
    );
    for (const delivery of order) {
      if (claimed.length >= input.limit) break;
      if (delivery.status !== 'pending' || (delivery.nextAttemptAt ?? '') > input.now) continue;
      if (delivery.leaseUntil !== undefined && delivery.leaseUntil > input.now) continue;
      if (this.#data.subscriptions.get(delivery.subscriptionId)?.status !== 'enabled') continue;
      const event = this.#event(delivery.eventId);
      if (event === undefined) continue;
      claimed.push(this.#lease(delivery, event, input));
    }
    return claimed;
  }

  async recordWebhookAttempts(input: RecordAttempts): Promise<RecordedAttempts> {
    this.#data.ensureOpen();
    const recorded: string[] = [];
    const lost: string[] = [];
    for (const { attempt, next } of input.results) {
      const delivery = this.#data.deliveries.get(attempt.deliveryId);
      if (delivery === undefined || delivery.leaseOwner !== input.owner || delivery.status !== 'pending') {
        lost.push(attempt.deliveryId);
        continue;
      }
      const updated = deliveryAfterAttempt(delivery, attempt, next);
      this.#data.deliveries.set(updated.id, updated);
      this.#data.attempts.set(updated.id, [...(this.#data.attempts.get(updated.id) ?? []), { ...attempt }]);
      this.#setFailingSince(updated.subscriptionId, attempt);
      recorded.push(updated.id);
    }
    return { recorded, lost };
  }

  async disableWebhookSubscription(
    input: DisableSubscription,
  ): Promise<{ subscription: WebhookSubscription; event: ProvisionEvent | undefined }> {
    this.#data.ensureOpen();
    const current = this.#data.subscriptions.get(input.id);
    if (current === undefined) throw subscriptionNotFound(input.id);
    if (current.status !== 'enabled') return { subscription: structuredClone(current), event: undefined };
    const disabled = applySubscriptionPatch(current, {
      status: 'disabled',
      disabledReason: input.reason,
      updatedAt: input.at,
    });
    this.#data.subscriptions.set(disabled.id, disabled);
    const [event] = this.#data.append(keyOfDraft(input.event), [input.event]);
    return { subscription: structuredClone(disabled), event: structuredClone(event) };
  }

  #setFailingSince(subscriptionId: string, attempt: WebhookAttempt): void {
    const subscription = this.#data.subscriptions.get(subscriptionId);
    if (subscription === undefined) return;
    const failingSince = failingSinceAfter(subscription.failingSince, attempt);
    if (failingSince === subscription.failingSince) return;
    const next = { ...subscription };
    if (failingSince === undefined) delete next.failingSince;
    else next.failingSince = failingSince;
    this.#data.subscriptions.set(subscriptionId, next);
  }

  async listWebhookDeliveries(query: DeliveryQuery): Promise<WebhookDelivery[]> {
    this.#data.ensureOpen();
    const all = [...this.#data.deliveries.values()].filter(
      (item) =>
        item.subscriptionId === query.subscriptionId &&
        (query.status === undefined || item.status === query.status),
    );
    const start = query.after === undefined ? 0 : all.findIndex((item) => item.id === query.after) + 1;
    return all.slice(start, start + query.limit).map((item) => structuredClone(item));
  }

  async listWebhookAttempts(deliveryId: string): Promise<WebhookAttempt[]> {
    this.#data.ensureOpen();
    return structuredClone(this.#data.attempts.get(deliveryId) ?? []);
  }

  #event(id: string): ProvisionEvent | undefined {
    return this.#data.eventsById.get(id);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
