import { CancelledError } from '../errors/error-classes.js';
import type { ProvisioningError } from '../errors/provisioning-error.js';
import type { UserRef } from '../model/user.js';
import { redact } from '../redaction/redact.js';
import { secretStringsIn } from '../redaction/secret-strings.js';
import type { Verb } from '../spi/verbs.js';
import { OperationTrace } from '../telemetry/operation-trace.js';
import type { DirectoryContext } from './directory-context.js';
import { writeOf } from './directory-write.js';
import { finalizeError } from './normalize-error.js';
import { recordOperation, reportWrite } from './operation-logger.js';
import { cancelledError, type OperationSignal, operationSignal } from './operation-signal.js';
import { ensureOpen, ensureSupported, parseOperationOptions } from './validate-input.js';

/** What an operation body learns while it runs and wants in its log line. */
export interface CallState {
  ref?: UserRef | undefined;
  itemCount?: number | undefined;
  /** Batch items that failed (`createUsers`), for the operation's span. */
  failedItemCount?: number | undefined;
  /** Set when the body handled a failure itself (verifyCredentials reports rather than throws). */
  failure?: ProvisioningError | undefined;
  /** Connection secrets plus secret-field values of this call's input (a new user's password). */
  readonly secrets: readonly string[];
  /** Handed to the provider: the caller's signal combined with the directory's lifetime. */
  signal: AbortSignal;
  /** The typed, scrubbed form of a failure of this call (`CancelledError` once the signal fired). */
  readonly finalize: (error: unknown) => ProvisioningError;
  /** Typed and scrubbed only: for definite outcomes that stand even after an abort. */
  readonly scrub: (error: unknown) => ProvisioningError;
}

/**
 * Runs one promise-returning verb: capability check, options, closed connection and an already
 * aborted signal first (all before any I/O), then `body` (which validates input, calls the provider
 * and validates output), then exactly one log line and event. Every error leaves typed, with the
 * provider named, and scrubbed; once the signal fired, as `CancelledError`.
 */
export async function runOperation<T>(
  context: DirectoryContext,
  operation: Verb,
  input: unknown,
  options: unknown,
  body: (call: CallState) => Promise<T>,
): Promise<T> {
  const startedAt = performance.now();
  const trace = new OperationTrace(context, operation, startedAt);
  // Without secrets of its own the call shares the connection's list (and its cached matcher).
  const inputSecrets = secretStringsIn(input);
  const secrets = inputSecrets.length === 0 ? context.secrets : [...context.secrets, ...inputSecrets];
  let linked: OperationSignal | undefined;
  const finalize = (error: unknown) => finalizeCall(context, operation, secrets, linked, error);
  // The signal is replaced by the linked one before `body` runs.
  const scrub = (error: unknown) => finalizeError(error, { provider: context.provider, operation, secrets });
  const call: CallState = { secrets, signal: new AbortController().signal, finalize, scrub };
  try {
    ensureSupported(context, operation);
    const parsed = parseOperationOptions(context, options);
    ensureOpen(context);
    linked = operationSignal(parsed?.signal, context.lifetime);
    call.signal = linked.signal;
    trace.begin(parsed?.signal, linked.signal);
    const reason = linked.reason();
    if (reason !== undefined) throw cancelledError(operation, context.provider, reason);
    const result = await trace.run(() => body(call));
    const outcome = {
      outcome: call.failure === undefined ? ('ok' as const) : ('error' as const),
      errorCode: call.failure?.code,
      itemCount: call.itemCount,
      ref: call.ref,
    };
    recordOperation(context, operation, startedAt, { ...outcome, error: logged(call.failure, secrets) });
    trace.end({ ...outcome, failedItemCount: call.failedItemCount });
    const write = context.onUserWrite === undefined ? undefined : writeOf(operation, result, call.ref);
    if (write !== undefined) await reportWrite(context, write);
    return result;
  } catch (error) {
    const final = finalize(error);
    const outcome = {
      outcome: 'error' as const,
      errorCode: final.code,
      itemCount: call.itemCount,
      ref: call.ref,
      error: logged(final, secrets),
    };
    recordOperation(context, operation, startedAt, outcome);
    trace.end({ ...outcome, failedItemCount: call.failedItemCount });
    throw final;
  } finally {
    linked?.dispose();
  }
}

/**
 * The failure as its log line carries it: message and cause chain, with the call's secrets (a new
 * user's password) cut out of the causes too, which the provider built and core did not scrub.
 */
export function logged(error: ProvisioningError | undefined, secrets: readonly string[]): unknown {
  return error === undefined ? undefined : redact(error, { secrets });
}

/** A failure after the signal fired is a cancellation, whatever the provider made of the abort. */
export function finalizeCall(
  context: DirectoryContext,
  operation: Verb,
  secrets: readonly string[],
  linked: OperationSignal | undefined,
  error: unknown,
): ProvisioningError {
  const reason = linked?.reason();
  const typed =
    reason === undefined || isCoreCancellation(error, reason)
      ? error
      : cancelledError(operation, context.provider, reason, error);
  return finalizeError(typed, { provider: context.provider, operation, secrets });
}

/** Already a cancellation for this reason (core's own check, or finalized once): kept as it is. */
function isCoreCancellation(error: unknown, reason: string): boolean {
  return CancelledError.is(error) && error.details?.reason === reason;
}
