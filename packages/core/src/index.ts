export { type Alert, type AlertFact, AlertKind, type AlertSink } from './alerts/alert.js';
export { type AlertDispatcher, type AlertRound, createAlertDispatcher } from './alerts/alert-dispatcher.js';
export { AlertDispatcherOptions } from './alerts/alert-dispatcher-options.js';
export { ALERT_EVENT_TYPES } from './alerts/alert-signal.js';
export { createProvisionKit } from './composition/create-provision-kit.js';
export { PluginId, TenantId } from './composition/kit-options.js';
export { Logger } from './composition/logger.js';
export {
  type ConnectInput,
  type Connection,
  type ConnectionOperationEvent,
  ProviderPlugins,
  ProvisionKit,
  type ProvisionKitOptions,
} from './composition/provision-kit.js';
export {
  AuthenticationError,
  CancelledError,
  type CancelledErrorOptions,
  type CancelReason,
  ConflictError,
  errorForCode,
  type InputIssue,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  ProviderError,
  RateLimitedError,
  type RateLimitedErrorOptions,
  UnavailableError,
  UnsupportedOperationError,
} from './errors/error-classes.js';
export { invalidInputFromZod, issuePath, parseInput } from './errors/from-zod.js';
export {
  ERROR_CODES,
  type ErrorCode,
  ProvisioningError,
  type ProvisioningErrorOptions,
  type SerializedProvisioningError,
} from './errors/provisioning-error.js';
export { parseRetryAfter } from './errors/retry-after.js';
export { clampRetryAfterMs, MAX_RETRY_AFTER_MS } from './errors/retry-after-ms.js';
export {
  ConnectionOperationFailingEvent,
  ConnectionOperationRecoveredEvent,
  ConnectionQuarantinedEvent,
  ConnectionRecoveredEvent,
  ConnectionUnhealthyEvent,
} from './events/connection-events.js';
export { applyChanges, diffUsers, replayEvents } from './events/event-helpers.js';
export { DEFAULT_EVENT_RETENTION_DAYS, EventListQuery, type EventPage } from './events/event-query.js';
export { FieldChange, FieldValue } from './events/field-changes.js';
export {
  type ConnectionEvent,
  ErrorSummary,
  EVENT_TYPES,
  type EventDraft,
  EventSource,
  type EventType,
  GuardVerdict,
  ProvisionEvent,
  SyncCompletedEvent,
  SyncCounts,
  type SyncEvent,
  SyncFailedEvent,
  SyncHeldEvent,
  SyncMode,
  SyncReason,
  UserCreatedEvent,
  UserDeletedEvent,
  type UserEvent,
  UserUpdatedEvent,
  WebhookDisabledEvent,
  WebhookDisabledReason,
} from './events/provision-event.js';
export {
  type ConnectionStatus,
  type ConnectionStatusPage,
  ConnectionStatusQuery,
  type LastSync,
  listConnectionStatuses,
  readConnectionStatus,
} from './health/connection-status.js';
export { type HealthClock, systemHealthClock } from './health/health-clock.js';
export { createHealthMonitor, type HealthMonitor, type HealthRound } from './health/health-monitor.js';
export { HealthMonitorOptions } from './health/health-monitor-options.js';
export type { KitHealthOptions } from './health/health-options.js';
export {
  DEFAULT_HEALTH_POLICY,
  ENTRA_QUARANTINE_SCHEDULE_MS,
  HealthPolicy,
  type HealthPolicyInput,
} from './health/health-policy.js';
export {
  ConnectionHealth,
  CredentialState,
  FailingOperation,
  HealthFailure,
  HealthState,
} from './health/health-record.js';
export type { KitHealth } from './health/kit-health.js';
export { createChildLogger } from './logging/create-child-logger.js';
export { type CreateLoggerOptions, createLogger, silentLogger } from './logging/create-logger.js';
export { SECRET_FIELD_PATHS } from './logging/secret-paths.js';
export { DERIVED_CREATE_CONCURRENCY } from './middleware/create-users-one-by-one.js';
export type { DirectoryWrite } from './middleware/directory-write.js';
export { NEVER_RETRYABLE } from './middleware/normalize-error.js';
export type { OperationEvent, WrapDirectoryOptions } from './middleware/operation-event.js';
export { type WrappableDirectory, wrapDirectory } from './middleware/wrap-directory.js';
export { isWrappedDirectory } from './middleware/wrapped-directory.js';
export { Group } from './model/group.js';
export {
  Attributes,
  AttributeValue,
  GroupName,
  IsoTimestamp,
  normalizeUserName,
  sameUserName,
  UserName,
} from './model/primitives.js';
export { isSecretSchema, secret, secretRegistry } from './model/secret.js';
export { FIELD_SENSITIVITY, isSecretField, REDACTED, type Sensitivity } from './model/sensitivity.js';
export {
  describeRef,
  NewUser,
  USER_PATCH_FIELDS,
  User,
  UserPatch,
  type UserPatchField,
  UserRef,
  UserStatus,
} from './model/user.js';
export type { ApplyOptions, ApplyProgress } from './reconcile/apply-options.js';
export type {
  ActionFailure,
  ApplyResult,
  ApplyStatus,
  ConnectionApplyResult,
} from './reconcile/apply-result.js';
export { COMPARED_FIELDS, DesiredStatus, DesiredUser } from './reconcile/desired-user.js';
export type { DesiredFormat, DesiredRow, DesiredUsers } from './reconcile/desired-users.js';
export { FormatPlanOptions, formatPlan } from './reconcile/format-plan.js';
export { escapeFormulaCell, unescapeFormulaCell } from './reconcile/formula-cells.js';
export { guardLimitText } from './reconcile/guard-limit.js';
export type { PlanInput, PlanProgress } from './reconcile/plan-input.js';
export {
  ACTION_KINDS,
  type ActionCounts,
  type ActionKind,
  ActionReason,
  ConnectionPlan,
  PLAN_VERSION,
  PlanAction,
  PlanNote,
  ReconcilePlan,
} from './reconcile/plan-schema.js';
export {
  DEFAULT_MAX_DESIRED_ROWS,
  ReadDesiredOptions,
  readDesiredUsers,
} from './reconcile/read-desired-users.js';
export { ReconcilePolicy } from './reconcile/reconcile-policy.js';
export { MAX_REPORTED_ISSUES, RowIssue } from './reconcile/row-issue.js';
export { formatTable, printable, TextTableInput } from './reconcile/text-table.js';
export { verifyPlan } from './reconcile/verify-plan.js';
export { EXCERPT_MAX_CHARS, echoExcerpt, redactEcho } from './redaction/echo-text.js';
export { type RedactOptions, redact } from './redaction/redact.js';
export { MIN_FRAGMENT_LENGTH, redactText } from './redaction/redact-text.js';
export { scrubError } from './redaction/scrub-error.js';
export { secretValuesOf } from './redaction/secret-values.js';
export { type BatchItemResult, type BatchResult, batchResult } from './spi/batch-result.js';
export { Capabilities, CREATE_FIELDS, CreateField, ListFilter, supports } from './spi/capabilities.js';
export { CredentialCheck, CredentialStatus } from './spi/credential-check.js';
export { ListChangesOptions, ListUsersOptions } from './spi/list-options.js';
export { OperationOptions } from './spi/operation-options.js';
export {
  type CapabilityRefinement,
  type DeclaredVerbs,
  defineCapabilities,
  ProviderCapabilities,
} from './spi/provider-capabilities.js';
export type {
  ProviderCallOptions,
  ProviderChangesOptions,
  ProviderDirectory,
  ProviderListOptions,
  ProviderVerbMethods,
} from './spi/provider-directory.js';
export {
  ConnectionConfig,
  ConnectionContext,
  defineProviderPlugin,
  type ProviderConnection,
  type ProviderPlugin,
} from './spi/provider-plugin.js';
export type { ProviderSandbox, SandboxAccount } from './spi/provider-sandbox.js';
export {
  DERIVED_VERBS,
  type ResolveCapabilitiesOptions,
  resolveCapabilities,
} from './spi/resolve-capabilities.js';
export { UserDirectory } from './spi/user-directory.js';
export { isEmailAddress, UserNameFormat, userNameFormatIssue } from './spi/user-name-format.js';
export {
  LIFECYCLE_VERBS,
  type LifecycleVerb,
  OPTIONAL_VERBS,
  VERBS,
  Verb,
  WRITE_VERBS,
} from './spi/verbs.js';
export {
  ApplyEntry,
  ApplyEntryStatus,
  ApplyJournal,
  type ApplyJournalStore,
  ApplyOutcome,
  type BeginApply,
} from './state/apply-journal.js';
export { type SnapshotUser, TRACKED_FIELDS, type TrackedField } from './state/canonical-user.js';
export { ConnectionKey } from './state/connection-key.js';
export type { EventTypeQuery, HealthQuery, HealthStore, SaveHealthInput } from './state/health-store.js';
export { createMemoryStateStore } from './state/memory/memory-state-store.js';
export type { UserWrite } from './state/plan-change.js';
export type { ListedChange, StagedChange } from './state/staged-change.js';
export {
  type BeginSyncRun,
  type CommitRunInput,
  type DeliveryQuery,
  type EventQuery,
  type EventStore,
  type FailRunInput,
  type RunOutcome,
  type SnapshotHash,
  type SnapshotStore,
  StateStore,
  type SyncRunQuery,
  type SyncRunStore,
  type WebhookStore,
} from './state/state-store.js';
export type { SnapshotEntry, SnapshotRow, StoredUser } from './state/stored-user.js';
export { EMPTY_COUNTS, SyncRun, SyncStatus } from './state/sync-run.js';
export {
  type AttemptResult,
  type ClaimDeliveries,
  type ClaimedDelivery,
  type ClaimNewDeliveries,
  type DeliveryNext,
  DeliveryStatus,
  type DisableSubscription,
  type EnqueueDeliveries,
  NewWebhookSubscription,
  type RecordAttempts,
  type RecordedAttempts,
  WebhookAttempt,
  WebhookDelivery,
  WebhookSecret,
  WebhookStatus,
  WebhookSubscription,
  WebhookSubscriptionPatch,
} from './state/webhook-records.js';
export {
  CHANGES_OVERLAP_MS,
  SyncEngine,
  type SyncEngineOptions,
  type SyncTarget,
} from './sync/sync-engine.js';
export {
  DEFAULT_MASS_CHANGE_LIMIT,
  MassChangeLimit,
  SyncOptions,
  SyncSettings,
} from './sync/sync-options.js';
export type { SyncProgress } from './sync/sync-progress.js';
export {
  type SyncChange,
  type SyncChangePage,
  SyncChangeQuery,
  SyncRunListQuery,
} from './sync/sync-queries.js';
export type {
  AlertSendStart,
  AlertSendTrace,
  HealthCheckReport,
  HealthTransitionReport,
} from './telemetry/health-telemetry.js';
export type {
  SyncChangeCounts,
  SyncRunEnd,
  SyncRunStart,
  SyncRunTrace,
} from './telemetry/sync-run-trace.js';
export { createTelemetry, Telemetry, TelemetryOptions } from './telemetry/telemetry.js';
export { TELEMETRY_ATTRIBUTES, TELEMETRY_METRICS } from './telemetry/telemetry-names.js';
export { bindTraceContext } from './telemetry/trace-carrier.js';
export type { WebhookDeliveryReport } from './telemetry/webhook-delivery.js';
export { createWebhookDispatcher, type WebhookDispatcher } from './webhooks/create-webhook-dispatcher.js';
export type { DeliveryRound } from './webhooks/delivery-worker.js';
export { FRAMEWORK_PROVIDER } from './webhooks/disabled-event.js';
export { STANDARD_RETRY_SCHEDULE_MS } from './webhooks/retry-schedule.js';
export { WebhookUrlPolicy } from './webhooks/url-policy.js';
export {
  type VerifiedWebhook,
  VerifyWebhookOptions,
  verifyWebhook,
  type WebhookRequestHeaders,
} from './webhooks/verify-webhook.js';
export { WebhookDispatcherOptions } from './webhooks/webhook-dispatcher-options.js';
export {
  DeliveryListQuery,
  EndpointListQuery,
  EndpointPatch,
  RotateSecretOptions,
  SubscribeInput,
  type WebhookEndpoint,
} from './webhooks/webhook-endpoint.js';
export type { EndpointWithSecret, WebhookEndpoints } from './webhooks/webhook-endpoints.js';
export { generateWebhookSecret, WEBHOOK_SECRET_PREFIX } from './webhooks/webhook-secret.js';
export { type WebhookRejection, WebhookVerificationError } from './webhooks/webhook-verification-error.js';
