/**
 * Every name core's telemetry writes, in one place. The HTTP names are the stable OpenTelemetry
 * semantic conventions, spelled out here instead of importing `@opentelemetry/semantic-conventions`
 * (about 10 MB for these few strings); a test holds them equal to that package's constants.
 */
export const SEMCONV = Object.freeze({
  httpRequestMethod: 'http.request.method',
  httpRequestResendCount: 'http.request.resend_count',
  httpResponseStatusCode: 'http.response.status_code',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  urlFull: 'url.full',
  /** Development status in the conventions; set on spans only, never on metrics. */
  urlTemplate: 'url.template',
  errorType: 'error.type',
  httpClientRequestDuration: 'http.client.request.duration',
});

/** Attributes of provisionkit's own spans and metrics (`provisionkit.*`). */
export const TELEMETRY_ATTRIBUTES = Object.freeze({
  provider: 'provisionkit.provider',
  tenant: 'provisionkit.tenant',
  operation: 'provisionkit.operation',
  /** `ok` or `error`; an operation ended by the caller's abort is an `error` with `error.type` `cancelled`. */
  outcome: 'provisionkit.outcome',
  /** Users listed, batch items sent or groups returned. */
  itemCount: 'provisionkit.item.count',
  /** Batch items that failed in a `createUsers` that did not fail as a whole. */
  failedItemCount: 'provisionkit.item.failed_count',
  /** `listUsers`: true when the provider's stream ended, false when the caller stopped early. */
  listComplete: 'provisionkit.list.complete',
  /** The request's `operation` name (an RPC API's command, `getuserdata`), on CLIENT spans. */
  httpOperation: 'provisionkit.http.operation',
  /** A short reason an error carries (`timeout`, `redirect`, `response_too_large`). */
  errorReason: 'provisionkit.error.reason',
  syncRunId: 'provisionkit.sync.run_id',
  syncMode: 'provisionkit.sync.mode',
  /** How a sync run ended: `completed`, `held`, `failed`, `rejected`, ... */
  syncStatus: 'provisionkit.sync.status',
  /** On a sync run's span: the users it found created, updated and deleted. */
  syncCreated: 'provisionkit.sync.created',
  syncUpdated: 'provisionkit.sync.updated',
  syncDeleted: 'provisionkit.sync.deleted',
  /** `created`, `updated` or `deleted`. */
  changeKind: 'provisionkit.change.kind',
  /** `delivered` or `failed`. */
  webhookOutcome: 'provisionkit.webhook.outcome',
  /** `user.created`, `sync.completed`, ... */
  eventType: 'provisionkit.event.type',
  /** A health check's result: `valid`, `invalid`, `expired`, `insufficient_permissions`, `unreachable`. */
  credentialStatus: 'provisionkit.credentials.status',
  /** The state a connection moved to: `healthy`, `unhealthy` or `quarantined`. */
  healthState: 'provisionkit.health.state',
  /** `credentials`, `connection_failing`, `quarantined`, `operation_failures` or `sync_held`. */
  alertKind: 'provisionkit.alert.kind',
  /** `firing` or `resolved`. */
  alertState: 'provisionkit.alert.state',
  /** The sink's name (`slack`). */
  alertSink: 'provisionkit.alert.sink',
  /** `sent` or `failed`. */
  alertOutcome: 'provisionkit.alert.outcome',
});

/** Names of the metrics core records. */
export const TELEMETRY_METRICS = Object.freeze({
  /** Histogram, seconds: one record per HTTP attempt (stable semantic convention). */
  httpClientRequestDuration: SEMCONV.httpClientRequestDuration,
  /** Counter: HTTP attempts that were resends of an earlier one. */
  httpClientRetries: 'provisionkit.http.client.retries',
  /** Histogram, seconds: time an attempt waited for the connection's limiter (slot, pace or pause). */
  httpClientLimiterWaitTime: 'provisionkit.http.client.limiter.wait_time',
  /** Histogram, seconds: one record per directory operation (its count is the operation count). */
  operationDuration: 'provisionkit.operation.duration',
  /** Counter: users listed, batch items sent, groups returned. */
  operationItems: 'provisionkit.operation.items',
  /** Histogram, seconds: one record per sync run. */
  syncDuration: 'provisionkit.sync.duration',
  /** Counter: users a sync found created, updated or deleted. */
  syncChanges: 'provisionkit.sync.changes',
  /** Counter: webhook delivery attempts, by outcome (`delivered` or `failed`). */
  webhookDeliveries: 'provisionkit.webhook.deliveries',
  /** Histogram, seconds: duration of a webhook delivery attempt, when the engine measured it. */
  webhookDeliveryDuration: 'provisionkit.webhook.delivery.duration',
  /** Counter: health checks, by provider and credential status. */
  healthChecks: 'provisionkit.health.checks',
  /** Counter: connections that changed state (became unhealthy, quarantined, or recovered). */
  healthTransitions: 'provisionkit.health.transitions',
  /** Counter: alert notifications handed to a sink, by kind, state, sink and outcome. */
  alertNotifications: 'provisionkit.alert.notifications',
});

/** Instrumentation scope of every tracer and meter core asks for. */
export const TELEMETRY_SCOPE = '@provisionkit/core';

/** Span name prefix of directory operations and sync runs (`provisionkit.listUsers`, `provisionkit.sync`). */
export const SPAN_PREFIX = 'provisionkit.';
