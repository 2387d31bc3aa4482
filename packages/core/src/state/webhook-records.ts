import { z } from 'zod';
import type { EventDraft } from '../events/provision-event.js';
import { IsoTimestamp } from '../model/primitives.js';
import { secret } from '../model/secret.js';

/** A signing secret of an endpoint; two overlap during a rotation, the older one with `expiresAt`. */
export const WebhookSecret = z.strictObject({
  secret: secret(z.string().min(1)),
  createdAt: IsoTimestamp,
  expiresAt: IsoTimestamp.optional(),
});
export type WebhookSecret = z.infer<typeof WebhookSecret>;

export const WebhookStatus = z.enum(['enabled', 'disabled']);
export type WebhookStatus = z.infer<typeof WebhookStatus>;

/**
 * An endpoint that receives the events of one tenant (of every provider, or of one). `cursor` is
 * how far the log has been turned into deliveries for it.
 */
export const WebhookSubscription = z.strictObject({
  id: z.string().min(1),
  tenant: z.string().min(1),
  /** Absent: every provider of the tenant. */
  provider: z.string().min(1).optional(),
  url: z.string().min(1),
  /** Absent: every event type. */
  eventTypes: z.array(z.string().min(1)).optional(),
  secrets: z.array(WebhookSecret).min(1),
  status: WebhookStatus,
  disabledReason: z.string().optional(),
  disabledAt: IsoTimestamp.optional(),
  /**
   * When the endpoint's current run of failed attempts began (kept by `recordWebhookAttempts`; a
   * success clears it): the delivery worker disables an endpoint that has been failing too long.
   */
  failingSince: IsoTimestamp.optional(),
  cursor: z.string(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
});
export type WebhookSubscription = z.infer<typeof WebhookSubscription>;

export const NewWebhookSubscription = z.strictObject({
  id: z.string().min(1),
  tenant: z.string().min(1),
  provider: z.string().min(1).optional(),
  url: z.string().min(1),
  eventTypes: z.array(z.string().min(1)).min(1).optional(),
  secrets: z.array(WebhookSecret).min(1),
  /** Start after this cursor; default: after the last event logged so far (no history). */
  startAfter: z.string().optional(),
  createdAt: IsoTimestamp,
});
export type NewWebhookSubscription = z.input<typeof NewWebhookSubscription>;

/**
 * Fields an update may change; `status: 'enabled'` clears `disabledReason`, `disabledAt` and
 * `failingSince` (a re-enabled endpoint starts with a clean record).
 */
export const WebhookSubscriptionPatch = z.strictObject({
  url: z.string().min(1).optional(),
  eventTypes: z.array(z.string().min(1)).min(1).nullable().optional(),
  secrets: z.array(WebhookSecret).min(1).optional(),
  status: WebhookStatus.optional(),
  disabledReason: z.string().optional(),
  updatedAt: IsoTimestamp,
});
export type WebhookSubscriptionPatch = z.input<typeof WebhookSubscriptionPatch>;

export const DeliveryStatus = z.enum(['pending', 'succeeded', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** One event owed to one endpoint. Claimed with a lease, so a worker that dies loses nothing. */
export const WebhookDelivery = z.strictObject({
  id: z.string().min(1),
  subscriptionId: z.string().min(1),
  eventId: z.string().min(1),
  eventCursor: z.string().min(1),
  status: DeliveryStatus,
  attempts: z.number().int().nonnegative(),
  /**
   * When a `pending` delivery is due. While it is leased, when the lease ends: then another worker
   * may take it over.
   */
  nextAttemptAt: IsoTimestamp.optional(),
  leaseOwner: z.string().optional(),
  leaseUntil: IsoTimestamp.optional(),
  lastStatusCode: z.number().int().optional(),
  lastError: z.string().optional(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/**
 * A claimed delivery with the body to send: the event as JSON, exactly as `JSON.stringify` gives
 * the event `listEvents` returns, and its type. A store keeps it serialised, so a delivery never parses and
 * re-serialises the event; the worker signs and sends these bytes.
 */
export type ClaimedDelivery = WebhookDelivery & {
  readonly body: string;
  /** The event's type (`user.created`), read from the log beside the body, never parsed out of it. */
  readonly eventType: string;
};

/** One HTTP attempt of a delivery. */
export const WebhookAttempt = z.strictObject({
  deliveryId: z.string().min(1),
  attempt: z.number().int().positive(),
  startedAt: IsoTimestamp,
  durationMs: z.number().nonnegative(),
  statusCode: z.number().int().optional(),
  /** Short, secret-free description of a failure (`timeout`, `redirect`, `ECONNREFUSED`). */
  error: z.string().optional(),
  outcome: z.enum(['succeeded', 'failed']),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

/** What follows an attempt: try again at a time, or stop for good. */
export type DeliveryNext =
  | { readonly status: 'pending'; readonly nextAttemptAt: string }
  | { readonly status: 'succeeded' }
  | { readonly status: 'failed' };

/** One finished attempt and what follows it, for `recordWebhookAttempts`. */
export interface AttemptResult {
  readonly attempt: WebhookAttempt;
  readonly next: DeliveryNext;
}

/** What `recordWebhookAttempts` did. */
export interface RecordedAttempts {
  /**
   * The ids of the deliveries moved on, in the order given (the caller has their attempts; a store
   * need not read the deliveries back to answer).
   */
  readonly recorded: string[];
  /**
   * Deliveries the caller no longer leased (its lease ran out and another worker claimed them, or
   * they ended): their attempts are not recorded, the other worker's are.
   */
  readonly lost: string[];
}

/** `enqueueWebhookDeliveries`: the subscription, how many events at most, and when. */
export interface EnqueueDeliveries {
  readonly subscriptionId: string;
  readonly limit: number;
  readonly now: string;
}

/** `claimWebhookDeliveries`: how many at most, due at `now`, leased to `owner` until `leaseUntil`. */
export interface ClaimDeliveries {
  readonly now: string;
  readonly limit: number;
  readonly owner: string;
  readonly leaseUntil: string;
}

/** `claimNewWebhookDeliveries`: a claim of the subscription's new events. */
export interface ClaimNewDeliveries extends EnqueueDeliveries, ClaimDeliveries {}

/** `recordWebhookAttempts`: the results of attempts made by `owner`. */
export interface RecordAttempts {
  readonly owner: string;
  readonly results: readonly AttemptResult[];
}

/** `disableWebhookSubscription`: why, when, and the event announcing it. */
export interface DisableSubscription {
  readonly id: string;
  readonly reason: string;
  readonly at: string;
  /** Appended in the same transaction, only when the endpoint was enabled until now. */
  readonly event: EventDraft;
}
