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
export { createChildLogger } from './logging/create-child-logger.js';
export { type CreateLoggerOptions, createLogger, silentLogger } from './logging/create-logger.js';
export { SECRET_FIELD_PATHS } from './logging/secret-paths.js';
export { DERIVED_CREATE_CONCURRENCY } from './middleware/create-users-one-by-one.js';
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
export { EXCERPT_MAX_CHARS, echoExcerpt, redactEcho } from './redaction/echo-text.js';
export { type RedactOptions, redact } from './redaction/redact.js';
export { MIN_FRAGMENT_LENGTH, redactText } from './redaction/redact-text.js';
export { scrubError } from './redaction/scrub-error.js';
export { secretValuesOf } from './redaction/secret-values.js';
export { type BatchItemResult, type BatchResult, batchResult } from './spi/batch-result.js';
export { Capabilities, CREATE_FIELDS, CreateField, ListFilter, supports } from './spi/capabilities.js';
export { CredentialCheck, CredentialStatus } from './spi/credential-check.js';
export { ListUsersOptions } from './spi/list-options.js';
export { OperationOptions } from './spi/operation-options.js';
export {
  type CapabilityRefinement,
  type DeclaredVerbs,
  defineCapabilities,
  ProviderCapabilities,
} from './spi/provider-capabilities.js';
export type {
  ProviderCallOptions,
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
export { LIFECYCLE_VERBS, type LifecycleVerb, VERBS, Verb, WRITE_VERBS } from './spi/verbs.js';
export type {
  SyncChangeCounts,
  SyncRunEnd,
  SyncRunStart,
  SyncRunTrace,
} from './telemetry/sync-run-trace.js';
export { createTelemetry, Telemetry, TelemetryOptions } from './telemetry/telemetry.js';
export { TELEMETRY_ATTRIBUTES, TELEMETRY_METRICS } from './telemetry/telemetry-names.js';
export { bindTraceContext } from './telemetry/trace-carrier.js';
export type { WebhookDelivery } from './telemetry/webhook-delivery.js';
