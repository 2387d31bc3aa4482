import { createSecretKey, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import type {
  ClaimedDelivery,
  DeliveryNext,
  WebhookAttempt,
  WebhookSubscription,
} from '../state/webhook-records.js';
import { FORBIDDEN_ADDRESS } from './guarded-lookup.js';
import { type PostOutcome, postWebhook, type WebhookTransport } from './post-webhook.js';
import { nextAttemptDelay } from './retry-schedule.js';
import { checkSubscriberUrl, hostOf, type ParsedUrlPolicy } from './url-policy.js';
import { webhookSecretKey } from './webhook-secret.js';
import { webhookHeaders } from './webhook-signature.js';

/** What an attempt needs beyond the delivery and its endpoint. */
export interface AttemptContext {
  readonly transport: WebhookTransport;
  readonly policy: ParsedUrlPolicy;
  readonly schedule: readonly number[];
  readonly jitter: number;
  readonly random: () => number;
  readonly now: () => Date;
  readonly userAgent: string;
}

/**
 * An endpoint ready to send to: its URL checked against the policy (undefined when refused) and
 * the keys of its secrets in force. Made once per endpoint and round, not per attempt.
 */
export interface EndpointTarget {
  readonly subscription: WebhookSubscription;
  /** Undefined when the URL is refused, with `refused` saying why. */
  readonly url: URL | undefined;
  readonly refused?: 'url_refused' | 'forbidden_address';
  readonly keys: readonly KeyObject[];
}

export function endpointTarget(context: AttemptContext, subscription: WebhookSubscription): EndpointTarget {
  const now = context.now().getTime();
  const keys = subscription.secrets
    .filter((item) => item.expiresAt === undefined || Date.parse(item.expiresAt) > now)
    .map((item) => createSecretKey(webhookSecretKey(item.secret)));
  let url: URL;
  try {
    // Checked again: the host's policy may be stricter than when the endpoint was created.
    url = checkSubscriberUrl(subscription.url, context.policy);
  } catch {
    return { subscription, url: undefined, refused: 'url_refused', keys };
  }
  // An IP literal is never looked up: its address is checked here (a name's at each connection).
  const host = hostOf(url);
  if (isIP(host) !== 0 && !context.transport.policy.permits(host)) {
    return { subscription, url: undefined, refused: FORBIDDEN_ADDRESS, keys };
  }
  return { subscription, url, keys };
}

/** One attempt's record, what follows it, and whether the endpoint answered `410 Gone`. */
export interface AttemptReport {
  readonly attempt: WebhookAttempt;
  readonly next: DeliveryNext;
  readonly gone: boolean;
}

/**
 * Sends a delivery once: the event serialised once, signed over those exact bytes with every secret
 * of the endpoint still in force, posted, and judged: 2xx succeeded; `410` failed for good (the
 * endpoint is gone); anything else (3xx redirects included, never followed) failed, retried on the
 * schedule, never before the receiver's `Retry-After`.
 */
export async function deliverAttempt(
  context: AttemptContext,
  delivery: ClaimedDelivery,
  target: EndpointTarget,
): Promise<AttemptReport> {
  const started = context.now();
  const number = delivery.attempts + 1;
  const outcome = await send(context, delivery, target, started);
  const succeeded = outcome.statusCode !== undefined && outcome.statusCode >= 200 && outcome.statusCode < 300;
  const gone = outcome.statusCode === 410;
  const attempt: WebhookAttempt = {
    deliveryId: delivery.id,
    attempt: number,
    startedAt: started.toISOString(),
    durationMs: outcome.durationMs,
    ...(outcome.statusCode === undefined ? {} : { statusCode: outcome.statusCode }),
    ...(failureText(outcome) === undefined ? {} : { error: failureText(outcome) }),
    outcome: succeeded ? 'succeeded' : 'failed',
  };
  if (succeeded) return { attempt, next: { status: 'succeeded' }, gone: false };
  if (gone) return { attempt, next: { status: 'failed' }, gone: true };
  const delay = nextAttemptDelay({
    schedule: context.schedule,
    attempt: number,
    jitter: context.jitter,
    random: context.random,
    retryAfterMs: outcome.retryAfterMs,
  });
  const next: DeliveryNext =
    delay === undefined
      ? { status: 'failed' }
      : { status: 'pending', nextAttemptAt: new Date(context.now().getTime() + delay).toISOString() };
  return { attempt, next, gone: false };
}

function send(
  context: AttemptContext,
  delivery: ClaimedDelivery,
  target: EndpointTarget,
  now: Date,
): Promise<PostOutcome> {
  if (target.url === undefined)
    return Promise.resolve({ error: target.refused ?? 'url_refused', durationMs: 0 });
  const body = Buffer.from(delivery.body, 'utf8');
  const timestamp = Math.floor(now.getTime() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': context.userAgent,
    ...webhookHeaders(target.keys, delivery.eventId, timestamp, body),
  };
  return postWebhook(context.transport, target.url, headers, body);
}

function failureText(outcome: PostOutcome): string | undefined {
  if (outcome.error !== undefined) return outcome.error;
  const status = outcome.statusCode;
  if (status !== undefined && status >= 300 && status < 400) return 'redirect';
  return undefined;
}
