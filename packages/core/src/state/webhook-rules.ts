import type { ProvisionEvent } from '../events/provision-event.js';
import type {
  DeliveryNext,
  NewWebhookSubscription,
  WebhookAttempt,
  WebhookDelivery,
  WebhookSubscription,
  WebhookSubscriptionPatch,
} from './webhook-records.js';

/** Shared by every store, so a subscription behaves the same whatever keeps it. */
export function newSubscription(input: NewWebhookSubscription, lastCursor: string): WebhookSubscription {
  return {
    id: input.id,
    tenant: input.tenant,
    ...(input.provider === undefined ? {} : { provider: input.provider }),
    url: input.url,
    ...(input.eventTypes === undefined ? {} : { eventTypes: [...input.eventTypes] }),
    secrets: input.secrets.map((item) => ({ ...item })),
    status: 'enabled',
    cursor: input.startAfter ?? lastCursor,
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
  };
}

export function applySubscriptionPatch(
  current: WebhookSubscription,
  patch: WebhookSubscriptionPatch,
): WebhookSubscription {
  const next: WebhookSubscription = { ...current, updatedAt: patch.updatedAt };
  if (patch.url !== undefined) next.url = patch.url;
  if (patch.secrets !== undefined) next.secrets = patch.secrets.map((item) => ({ ...item }));
  if (patch.eventTypes === null) delete next.eventTypes;
  else if (patch.eventTypes !== undefined) next.eventTypes = [...patch.eventTypes];
  if (patch.status === 'enabled') {
    next.status = 'enabled';
    delete next.disabledReason;
    delete next.disabledAt;
    delete next.failingSince;
  } else if (patch.status === 'disabled') {
    next.status = 'disabled';
    next.disabledAt =
      current.status === 'disabled' ? (current.disabledAt ?? patch.updatedAt) : patch.updatedAt;
    if (patch.disabledReason !== undefined) next.disabledReason = patch.disabledReason;
  }
  return next;
}

/** Whether an event is for this endpoint: its tenant, its provider (if any), its types (if any). */
export function matchesSubscription(
  subscription: WebhookSubscription,
  event: Pick<ProvisionEvent, 'tenant' | 'provider' | 'type'>,
): boolean {
  if (event.tenant !== subscription.tenant) return false;
  if (subscription.provider !== undefined && event.provider !== subscription.provider) return false;
  return subscription.eventTypes === undefined || subscription.eventTypes.includes(event.type);
}

/** Delivery ids sort in creation order (`dlv_` + zero-padded counter) in every store. */
export function deliveryId(counter: number): string {
  return `dlv_${String(counter).padStart(12, '0')}`;
}

export function newDelivery(
  id: string,
  subscriptionId: string,
  event: Pick<ProvisionEvent, 'id' | 'cursor'>,
  now: string,
): WebhookDelivery {
  return {
    id,
    subscriptionId,
    eventId: event.id,
    eventCursor: event.cursor,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  };
}

/** The delivery after an attempt: counted, lease released, moved on as `next` says. */
export function deliveryAfterAttempt(
  delivery: WebhookDelivery,
  attempt: WebhookAttempt,
  next: DeliveryNext,
): WebhookDelivery {
  const updated: WebhookDelivery = {
    ...delivery,
    status: next.status,
    attempts: delivery.attempts + 1,
    updatedAt: attempt.startedAt,
  };
  delete updated.leaseOwner;
  delete updated.leaseUntil;
  delete updated.nextAttemptAt;
  delete updated.lastStatusCode;
  delete updated.lastError;
  if (next.status === 'pending') updated.nextAttemptAt = next.nextAttemptAt;
  if (attempt.statusCode !== undefined) updated.lastStatusCode = attempt.statusCode;
  if (attempt.error !== undefined) updated.lastError = attempt.error;
  return updated;
}

/**
 * The endpoint's `failingSince` after an attempt: a success clears it, a failure starts it unless
 * a run of failures is already under way.
 */
export function failingSinceAfter(current: string | undefined, attempt: WebhookAttempt): string | undefined {
  if (attempt.outcome === 'succeeded') return undefined;
  return current ?? attempt.startedAt;
}
