import type { Logger } from '../composition/logger.js';
import type { ErrorCode } from '../errors/provisioning-error.js';
import type { ProviderCapabilities } from '../spi/provider-capabilities.js';
import type { Verb } from '../spi/verbs.js';
import type { TelemetryOptions } from '../telemetry/telemetry.js';
import type { DirectoryWrite } from './directory-write.js';

/** One finished `UserDirectory` call, as reported to `onOperation` (metrics, tracing, audit). */
export interface OperationEvent {
  readonly provider: string;
  readonly operation: Verb;
  readonly outcome: 'ok' | 'error';
  readonly durationMs: number;
  readonly errorCode?: ErrorCode;
  /** Users listed, batch items sent or groups returned, where the operation handles several. */
  readonly itemCount?: number;
}

export interface WrapDirectoryOptions {
  /** Receives one line per operation; default: no logging. */
  readonly logger?: Logger | undefined;
  /** Literal values (the connection's API key, say) scrubbed from every error leaving the directory. */
  readonly secrets?: readonly string[] | undefined;
  /** Called after every operation; an exception it throws is logged and otherwise ignored. */
  readonly onOperation?: ((event: OperationEvent) => void) | undefined;
  /**
   * Awaited after every successful write, before the verb resolves (a state store records it). A
   * failure it throws is logged and otherwise ignored: the provider's write did happen.
   */
  readonly onUserWrite?: ((write: DirectoryWrite) => Promise<void> | void) | undefined;
  /**
   * The directory's lifetime (a connection passes its close signal). Once it aborts, operations in
   * flight end with `CancelledError` (`details.reason: 'connection_closed'`), the provider's signal
   * aborts so nothing more is sent, and new calls fail with `UnavailableError`.
   */
  readonly signal?: AbortSignal | undefined;
  /** The provider id; default: the directory's own `provider`. */
  readonly provider?: string | undefined;
  /** The provider's declaration; default: the directory's own `capabilities`. */
  readonly capabilities?: ProviderCapabilities | undefined;
  /** Where each operation's span and metrics go; default: the global OpenTelemetry providers. */
  readonly telemetry?: TelemetryOptions | undefined;
  /** The customer the directory acts for, recorded on its spans (`provisionkit.tenant`). */
  readonly tenant?: string | undefined;
}
