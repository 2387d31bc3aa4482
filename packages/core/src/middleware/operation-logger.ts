import type { Logger } from '../composition/logger.js';
import type { ErrorCode } from '../errors/provisioning-error.js';
import type { UserRef } from '../model/user.js';
import type { Verb } from '../spi/verbs.js';
import type { DirectoryWrite } from './directory-write.js';
import type { OperationEvent } from './operation-event.js';

/** Where finished operations are reported. */
export interface OperationSink {
  readonly provider: string;
  readonly logger: Logger | undefined;
  readonly onOperation: ((event: OperationEvent) => void) | undefined;
  readonly onUserWrite?: ((write: DirectoryWrite) => Promise<void> | void) | undefined;
}

export interface OperationOutcome {
  readonly outcome: 'ok' | 'error';
  readonly errorCode?: ErrorCode | undefined;
  readonly itemCount?: number | undefined;
  readonly ref?: UserRef | undefined;
  /**
   * The failure as `redact` copies it (`{ name, code, message, cause }`, scrubbed of the call's
   * secrets): the log line carries it, the event does not.
   */
  readonly error?: unknown;
}

/**
 * Writes the operation's single log line and event. Only these fields are logged: never the input
 * user, a password, a patch or a provider payload.
 */
export function recordOperation(
  sink: OperationSink,
  operation: Verb,
  startedAt: number,
  result: OperationOutcome,
): void {
  const event: OperationEvent = {
    provider: sink.provider,
    operation,
    outcome: result.outcome,
    durationMs: Math.round((performance.now() - startedAt) * 1000) / 1000,
    ...(result.errorCode === undefined ? {} : { errorCode: result.errorCode }),
    ...(result.itemCount === undefined ? {} : { itemCount: result.itemCount }),
  };
  writeLine(sink, event, result.ref, result.error);
  if (sink.onOperation === undefined) return;
  try {
    sink.onOperation(event);
  } catch (error) {
    // Observers must not change the outcome of the operation they observe.
    sink.logger?.warn(
      { operation, hookError: error instanceof Error ? error.name : typeof error },
      'onOperation hook threw',
    );
  }
}

function writeLine(
  sink: OperationSink,
  event: OperationEvent,
  ref: UserRef | undefined,
  error: unknown,
): void {
  const logger = sink.logger;
  if (logger === undefined) return;
  const { provider, operation, ...fields } = event;
  // A connection logger already binds `provider`; repeating it would duplicate the JSON key.
  const line = {
    operation,
    ...(logger.bindings().provider === provider ? {} : { provider }),
    ...fields,
    ...(ref === undefined ? {} : { ref }),
    ...(error === undefined ? {} : { error }),
  };
  const message = `${event.operation} ${event.outcome}`;
  if (event.outcome === 'ok') logger.info(line, message);
  else logger.warn(line, message);
}

/** Hands a successful write to `onUserWrite`; like `onOperation`, a failure there never fails the call. */
export async function reportWrite(sink: OperationSink, write: DirectoryWrite): Promise<void> {
  if (sink.onUserWrite === undefined) return;
  try {
    await sink.onUserWrite(write);
  } catch (error) {
    sink.logger?.warn(
      { operation: write.operation, hookError: error instanceof Error ? error.name : typeof error },
      'onUserWrite hook failed; the next sync will record the change',
    );
  }
}
