import { isIP } from 'node:net';
import type {
  ClaimedDelivery,
  DeliveryNext,
  WebhookAttempt,
  WebhookSubscription,
} from '../state/webhook-records.js';
import { type SignedRequest, signRequest } from './group-signer.js';
import { FORBIDDEN_ADDRESS } from './guarded-lookup.js';
import { HmacSha256Key } from './hmac-sha256-key.js';
import { isoTime } from './iso-time.js';
import {
  type PostOutcome,
  type PostTarget,
  postTarget,
  postWebhook,
  type WebhookTransport,
} from './post-webhook.js';
import { nextAttemptDelay } from './retry-schedule.js';
import { checkSubscriberUrl, hostOf, type ParsedUrlPolicy } from './url-policy.js';
import { webhookSecretKey } from './webhook-secret.js';

/** What an attempt needs beyond the delivery and its endpoint. */
export interface AttemptContext {
  readonly transport: WebhookTransport;
  readonly policy: ParsedUrlPolicy;
  readonly schedule: readonly number[];
  readonly jitter: number;
  readonly random: () => number;
  readonly now: () => Date;
  /** `now()` in milliseconds (the same clock), read for every attempt. */
  readonly nowMs: () => number;
  readonly userAgent: string;
}

/**
 * An endpoint ready to send to: its URL checked against the policy (undefined when refused) and
 * the keys of its secrets in force. Made once per endpoint and round, not per attempt.
 */
export interface EndpointTarget {
  readonly subscription: WebhookSubscription;
  /** Undefined when the URL is refused, with `refused` saying why. */
  readonly post: PostTarget | undefined;
  readonly refused?: 'url_refused' | 'forbidden_address';
  /** Each secret in force, prepared for signing many deliveries. */
  readonly keys: readonly HmacSha256Key[];
}

export function endpointTarget(context: AttemptContext, subscription: WebhookSubscription): EndpointTarget {
  const now = context.now().getTime();
  const keys = subscription.secrets
    .filter((item) => item.expiresAt === undefined || Date.parse(item.expiresAt) > now)
    .map((item) => new HmacSha256Key(webhookSecretKey(item.secret)));
  let url: URL;
  try {
    // Checked again: the host's policy may be stricter than when the endpoint was created.
    url = checkSubscriberUrl(subscription.url, context.policy);
  } catch {
    return { subscription, post: undefined, refused: 'url_refused', keys };
  }
  // An IP literal is never looked up: its address is checked here (a name's at each connection).
  const host = hostOf(url);
  if (isIP(host) !== 0 && !context.transport.policy.permits(host)) {
    return { subscription, post: undefined, refused: FORBIDDEN_ADDRESS, keys };
  }
  return { subscription, post: postTarget(url), keys };
}

/** One attempt's record, what follows it, and whether the endpoint answered `410 Gone`. */
export interface AttemptReport {
  readonly attempt: WebhookAttempt;
  readonly next: DeliveryNext;
  readonly gone: boolean;
}

/**
 * Sends a delivery once: the event as stored, signed over those exact bytes with every secret of
 * the endpoint still in force (`signed`, when it was signed ahead), posted, and judged: 2xx succeeded; `410` failed for good (the
 * endpoint is gone); anything else (3xx redirects included, never followed) failed, retried on the
 * schedule, never before the receiver's `Retry-After`.
 */
export function deliverAttempt(
  context: AttemptContext,
  delivery: ClaimedDelivery,
  target: EndpointTarget,
  signed?: SignedRequest,
): Promise<AttemptReport> {
  const started = context.nowMs();
  // A `then` rather than an `await`: one promise less for every delivery.
  return send(context, delivery, target, signed ?? started).then((outcome) =>
    judge(context, delivery, started, outcome),
  );
}

/** The attempt started at `started` (milliseconds) that ended with `outcome`, and what follows. */
function judge(
  context: AttemptContext,
  delivery: ClaimedDelivery,
  started: number,
  outcome: PostOutcome,
): AttemptReport {
  const number = delivery.attempts + 1;
  const { statusCode } = outcome;
  const succeeded = statusCode !== undefined && statusCode >= 200 && statusCode < 300;
  const error =
    outcome.error ??
    (statusCode !== undefined && statusCode >= 300 && statusCode < 400 ? 'redirect' : undefined);
  const attempt: WebhookAttempt = {
    deliveryId: delivery.id,
    attempt: number,
    startedAt: isoTime(started),
    durationMs: outcome.durationMs,
    outcome: succeeded ? 'succeeded' : 'failed',
  };
  if (statusCode !== undefined) attempt.statusCode = statusCode;
  if (error !== undefined) attempt.error = error;
  if (succeeded) return { attempt, next: SUCCEEDED, gone: false };
  if (statusCode === 410) return { attempt, next: FAILED, gone: true };
  const delay = nextAttemptDelay({
    schedule: context.schedule,
    attempt: number,
    jitter: context.jitter,
    random: context.random,
    retryAfterMs: outcome.retryAfterMs,
  });
  const next: DeliveryNext =
    delay === undefined
      ? FAILED
      : { status: 'pending', nextAttemptAt: new Date(context.nowMs() + delay).toISOString() };
  return { attempt, next, gone: false };
}

const SUCCEEDED: DeliveryNext = Object.freeze({ status: 'succeeded' });
const FAILED: DeliveryNext = Object.freeze({ status: 'failed' });

/** Posts the signed request, signing it at `now` (milliseconds) when it is not signed yet. */
function send(
  context: AttemptContext,
  delivery: ClaimedDelivery,
  target: EndpointTarget,
  signedOrNow: SignedRequest | number,
): Promise<PostOutcome> {
  if (target.post === undefined) {
    const error = target.refused ?? 'url_refused';
    return Promise.resolve({ statusCode: undefined, error, retryAfterMs: undefined, durationMs: 0 });
  }
  const signed =
    typeof signedOrNow === 'number'
      ? signRequest(delivery, target, context.userAgent, signedOrNow)
      : signedOrNow;
  return postWebhook(context.transport, target.post, signed.headers, signed.body);
}
