import type {
  ClaimedDelivery,
  DeliveryNext,
  WebhookAttempt,
  WebhookSubscription,
} from '../state/webhook-records.js';
import { type PostOutcome, postWebhook, type WebhookTransport } from './post-webhook.js';
import { nextAttemptDelay } from './retry-schedule.js';
import { checkSubscriberUrl, type ParsedUrlPolicy } from './url-policy.js';
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
  subscription: WebhookSubscription,
): Promise<AttemptReport> {
  const started = context.now();
  const number = delivery.attempts + 1;
  const outcome = await send(context, delivery, subscription, started);
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

async function send(
  context: AttemptContext,
  delivery: ClaimedDelivery,
  subscription: WebhookSubscription,
  now: Date,
): Promise<PostOutcome> {
  let url: URL;
  try {
    // Checked again: the host's policy may be stricter than when the endpoint was created.
    url = checkSubscriberUrl(subscription.url, context.policy);
  } catch {
    return { error: 'url_refused', durationMs: 0 };
  }
  const keys = subscription.secrets
    .filter((item) => item.expiresAt === undefined || Date.parse(item.expiresAt) > now.getTime())
    .map((item) => webhookSecretKey(item.secret));
  const body = Buffer.from(JSON.stringify(delivery.event), 'utf8');
  const timestamp = Math.floor(now.getTime() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': context.userAgent,
    ...webhookHeaders(keys, delivery.eventId, timestamp, body),
  };
  return postWebhook(context.transport, url, headers, body);
}

function failureText(outcome: PostOutcome): string | undefined {
  if (outcome.error !== undefined) return outcome.error;
  const status = outcome.statusCode;
  if (status !== undefined && status >= 300 && status < 400) return 'redirect';
  return undefined;
}
