import type { UserDirectory } from '../spi/user-directory.js';
import type { OperationSink } from './operation-logger.js';
import type { InputContext } from './validate-input.js';

/** Everything the wrapper's operations share: the inner directory and where to report. */
export interface DirectoryContext extends InputContext, OperationSink {
  readonly inner: UserDirectory;
  /** Connection secrets, scrubbed from every error and log line. */
  readonly secrets: readonly string[];
  /** Aborts when the directory's connection closes: operations in flight end `cancelled`. */
  readonly lifetime: AbortSignal | undefined;
}
