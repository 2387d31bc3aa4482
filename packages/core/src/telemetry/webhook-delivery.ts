import type { Attributes } from '@opentelemetry/api';
import { z } from 'zod';
import { parseInput } from '../errors/from-zod.js';
import { guarded } from './guarded.js';
import { TELEMETRY_ATTRIBUTES as A, SEMCONV } from './telemetry-names.js';
import type { TelemetrySource } from './telemetry-source.js';

const Label = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be a short label');

/**
 * One webhook delivery attempt, as the webhook engine reports it. Only low-cardinality labels:
 * no endpoint URL (it may carry a token), no tenant, no event id.
 */
export const WebhookDeliveryReport = z.object({
  outcome: z.enum(['delivered', 'failed']),
  /** `user.created`, `sync.completed`, ... */
  eventType: Label.optional(),
  /** Why it failed: the HTTP status (`'503'`) or a reason (`timeout`, `network`). */
  errorType: Label.optional(),
  durationMs: z.number().min(0).max(86_400_000).optional(),
});
export type WebhookDeliveryReport = z.input<typeof WebhookDeliveryReport>;

export function recordWebhookDelivery(source: TelemetrySource, delivery: WebhookDeliveryReport): void {
  const parsed = parseInput(WebhookDeliveryReport, delivery, {
    argument: 'delivery',
    what: 'webhook delivery',
  });
  recordParsed(source, attributesOf(parsed.outcome, parsed.eventType, parsed.errorType), parsed.durationMs);
}

/** Attribute sets by outcome, type and error: the engine's few combinations, each made once. */
const known = new Map<string, Attributes>();
const KNOWN_MAX = 512;

/**
 * `recordWebhookDelivery` for the webhook engine's own attempts, thousands a second: the same
 * metrics, with each combination of labels checked and built once instead of per attempt. A label
 * that is not one (a store answering with an odd event type) is left out, never recorded.
 */
export function recordWebhookAttempt(
  source: TelemetrySource,
  outcome: 'delivered' | 'failed',
  eventType: string | undefined,
  errorType: string | undefined,
  durationMs: number,
): void {
  const key = `${outcome}|${eventType ?? ''}|${errorType ?? ''}`;
  let attributes = known.get(key);
  if (attributes === undefined) {
    const label = (value: string | undefined) => (Label.safeParse(value).success ? value : undefined);
    attributes = attributesOf(outcome, label(eventType), label(errorType));
    if (known.size < KNOWN_MAX) known.set(key, attributes);
  }
  recordParsed(source, attributes, durationMs);
}

function attributesOf(outcome: string, eventType: string | undefined, errorType: string | undefined) {
  const attributes: Attributes = {
    [A.webhookOutcome]: outcome,
    ...(eventType === undefined ? {} : { [A.eventType]: eventType }),
    ...(errorType === undefined ? {} : { [SEMCONV.errorType]: errorType }),
  };
  return Object.freeze(attributes);
}

function recordParsed(source: TelemetrySource, attributes: Attributes, durationMs: number | undefined): void {
  guarded(() => {
    const { instruments } = source;
    instruments.webhookDeliveries.add(1, attributes);
    if (durationMs !== undefined) instruments.webhookDuration.record(durationMs / 1000, attributes);
  }, undefined);
}
