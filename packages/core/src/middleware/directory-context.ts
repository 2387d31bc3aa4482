import type { ProviderDirectory } from '../spi/provider-directory.js';
import type { TelemetryScope } from '../telemetry/operation-trace.js';
import type { OperationSink } from './operation-logger.js';
import type { InputContext } from './validate-input.js';

/** Everything the wrapper's operations share: the inner directory and where to report. */
export interface DirectoryContext extends InputContext, OperationSink, TelemetryScope {
  /** The provider's directory: every declared verb has a method (checked when it was wrapped). */
  readonly inner: ProviderDirectory;
  /** Connection secrets, scrubbed from every error and log line. */
  readonly secrets: readonly string[];
  /** Aborts when the directory's connection closes: operations in flight end `cancelled`. */
  readonly lifetime: AbortSignal | undefined;
}
