import type { ErrorCode } from '../errors/provisioning-error.js';
import type { UserRef } from '../model/user.js';
import { secretStringsIn } from '../redaction/secret-strings.js';
import type { Verb } from '../spi/verbs.js';
import type { DirectoryContext } from './directory-context.js';
import { writeOf } from './directory-write.js';
import { finalizeError } from './normalize-error.js';
import { recordOperation, reportWrite } from './operation-logger.js';
import { ensureSupported } from './validate-input.js';

/** What an operation body learns while it runs and wants in its log line. */
export interface CallState {
  ref?: UserRef | undefined;
  itemCount?: number | undefined;
  /** Set when the body handled a failure itself (verifyCredentials reports rather than throws). */
  failure?: ErrorCode | undefined;
  /** Connection secrets plus secret-field values of this call's input (a new user's password). */
  readonly secrets: readonly string[];
}

/**
 * Runs one promise-returning verb: capability check first, then `body` (which validates input,
 * calls the provider and validates output), then exactly one log line and event. Every error leaves
 * typed, with the provider named, and scrubbed.
 */
export async function runOperation<T>(
  context: DirectoryContext,
  operation: Verb,
  input: unknown,
  body: (call: CallState) => Promise<T>,
): Promise<T> {
  const startedAt = performance.now();
  const call: CallState = { secrets: [...context.secrets, ...secretStringsIn(input)] };
  try {
    ensureSupported(context, operation);
    const result = await body(call);
    recordOperation(context, operation, startedAt, {
      outcome: call.failure === undefined ? 'ok' : 'error',
      errorCode: call.failure,
      itemCount: call.itemCount,
      ref: call.ref,
    });
    const write = context.onUserWrite === undefined ? undefined : writeOf(operation, result, call.ref);
    if (write !== undefined) await reportWrite(context, write);
    return result;
  } catch (error) {
    const final = finalizeError(error, { provider: context.provider, operation, secrets: call.secrets });
    recordOperation(context, operation, startedAt, {
      outcome: 'error',
      errorCode: final.code,
      itemCount: call.itemCount,
      ref: call.ref,
    });
    throw final;
  }
}
