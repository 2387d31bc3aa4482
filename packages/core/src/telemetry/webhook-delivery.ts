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
  const attributes: Attributes = {
    [A.webhookOutcome]: parsed.outcome,
    ...(parsed.eventType === undefined ? {} : { [A.eventType]: parsed.eventType }),
    ...(parsed.errorType === undefined ? {} : { [SEMCONV.errorType]: parsed.errorType }),
  };
  guarded(() => {
    const { instruments } = source;
    instruments.webhookDeliveries.add(1, attributes);
    if (parsed.durationMs !== undefined)
      instruments.webhookDuration.record(parsed.durationMs / 1000, attributes);
  }, undefined);
}
