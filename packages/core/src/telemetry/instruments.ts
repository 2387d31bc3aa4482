import type { Counter, Histogram, Meter } from '@opentelemetry/api';
import { TELEMETRY_METRICS } from './telemetry-names.js';

// The boundaries the HTTP semantic conventions advise for request durations, in seconds; a sync
// run or a long listing takes minutes, hence the longer tail for operations and runs.
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const LONG_BUCKETS = [...HTTP_BUCKETS, 30, 60, 120, 300, 600, 1800, 3600];

/** Every instrument core records to, made once per meter. */
export interface Instruments {
  readonly httpDuration: Histogram;
  readonly httpRetries: Counter;
  readonly limiterWait: Histogram;
  readonly operationDuration: Histogram;
  readonly operationItems: Counter;
  readonly syncDuration: Histogram;
  readonly syncChanges: Counter;
  readonly webhookDeliveries: Counter;
  readonly webhookDuration: Histogram;
  readonly healthChecks: Counter;
  readonly healthTransitions: Counter;
  readonly alertNotifications: Counter;
}

export function createInstruments(meter: Meter): Instruments {
  const seconds = (name: string, description: string, buckets: number[]) =>
    meter.createHistogram(name, { unit: 's', description, advice: { explicitBucketBoundaries: buckets } });
  return {
    httpDuration: seconds(
      TELEMETRY_METRICS.httpClientRequestDuration,
      'Duration of HTTP client requests (one per attempt).',
      HTTP_BUCKETS,
    ),
    httpRetries: meter.createCounter(TELEMETRY_METRICS.httpClientRetries, {
      unit: '{retry}',
      description: 'HTTP attempts that resent an earlier one after a failure.',
    }),
    limiterWait: seconds(
      TELEMETRY_METRICS.httpClientLimiterWaitTime,
      "Time an HTTP attempt waited for its connection's rate limiter.",
      HTTP_BUCKETS,
    ),
    operationDuration: seconds(
      TELEMETRY_METRICS.operationDuration,
      'Duration of directory operations; its count is the number of operations.',
      LONG_BUCKETS,
    ),
    operationItems: meter.createCounter(TELEMETRY_METRICS.operationItems, {
      unit: '{item}',
      description: 'Users listed, batch items sent and groups returned by directory operations.',
    }),
    syncDuration: seconds(TELEMETRY_METRICS.syncDuration, 'Duration of sync runs.', LONG_BUCKETS),
    syncChanges: meter.createCounter(TELEMETRY_METRICS.syncChanges, {
      unit: '{change}',
      description: 'Users a sync run found created, updated or deleted.',
    }),
    webhookDeliveries: meter.createCounter(TELEMETRY_METRICS.webhookDeliveries, {
      unit: '{delivery}',
      description: 'Webhook delivery attempts, by outcome.',
    }),
    webhookDuration: seconds(
      TELEMETRY_METRICS.webhookDeliveryDuration,
      'Duration of webhook delivery attempts.',
      HTTP_BUCKETS,
    ),
    healthChecks: meter.createCounter(TELEMETRY_METRICS.healthChecks, {
      unit: '{check}',
      description: 'Connection health checks, by credential status.',
    }),
    healthTransitions: meter.createCounter(TELEMETRY_METRICS.healthTransitions, {
      unit: '{transition}',
      description: 'Connections that became unhealthy, were quarantined or recovered.',
    }),
    alertNotifications: meter.createCounter(TELEMETRY_METRICS.alertNotifications, {
      unit: '{notification}',
      description: 'Alert notifications handed to a sink, by outcome.',
    }),
  };
}
