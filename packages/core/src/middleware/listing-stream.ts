import type { User } from '../model/user.js';
import type { Verb } from '../spi/verbs.js';
import { OperationTrace } from '../telemetry/operation-trace.js';
import type { DirectoryContext } from './directory-context.js';
import { recordOperation } from './operation-logger.js';
import { cancelledError, type OperationSignal, operationSignal } from './operation-signal.js';
import { finalizeCall, logged } from './run-operation.js';
import { ensureOpen, ensureSupported } from './validate-input.js';
import { checkUser } from './validate-output.js';

/** What a listing verb asks of the shared stream once its options are parsed. */
export interface ListingPlan {
  /** The caller's signal, combined with the directory's lifetime for the provider. */
  readonly signal: AbortSignal | undefined;
  /**
   * Opens the provider's stream with the combined signal (run with the listing's span active). The
   * provider always gets a page size: the caller's, or the declared `defaultPageSize`.
   */
  readonly open: (signal: AbortSignal) => AsyncIterable<unknown>;
  /** Filters core applies itself; default: keep every user. */
  readonly keep?: ((user: User) => boolean) | undefined;
}

/**
 * One listing of a listing verb (`listUsers`, `listUsersChangedSince`): validation errors, an
 * undeclared verb and provider failures surface from the first `next()`, users are validated one
 * by one as the caller pulls them, and one log line is written when the stream ends, fails or the
 * caller stops early.
 *
 * Once the caller's signal aborts or the connection closes, the pending or next `next()` throws
 * `CancelledError`, whatever the provider does: a page still in flight is not waited for, and a
 * provider stream that ends quietly after the abort does not pass for a complete listing.
 */
export async function* streamListing(
  context: DirectoryContext,
  operation: Verb,
  prepare: () => ListingPlan,
): AsyncGenerator<User, void, undefined> {
  const startedAt = performance.now();
  const trace = new OperationTrace(context, operation, startedAt);
  let count = 0;
  let complete = false;
  let recorded = false;
  let linked: OperationSignal | undefined;
  let source: ProviderStream | undefined;
  try {
    ensureSupported(context, operation);
    const plan = prepare();
    ensureOpen(context);
    linked = operationSignal(plan.signal, context.lifetime);
    trace.begin(plan.signal, linked.signal);
    throwIfCancelled(context, operation, linked);
    const signal = linked.signal;
    const stream = trace.run(() => new ProviderStream(plan.open(signal), signal));
    source = stream;
    for (;;) {
      throwIfCancelled(context, operation, linked);
      // With a context manager, provider code (and HTTP instrumentation) sees the listing's span.
      const step = await trace.run(() => stream.next());
      throwIfCancelled(context, operation, linked);
      if (step.done === true) {
        complete = true;
        break;
      }
      const user = checkUser(context.provider, operation, step.value);
      if (plan.keep !== undefined && !plan.keep(user)) continue;
      count += 1;
      yield user;
    }
  } catch (error) {
    const final = finalizeCall(context, operation, context.secrets, linked, error);
    recorded = true;
    const outcome = { outcome: 'error' as const, errorCode: final.code, itemCount: count };
    recordOperation(context, operation, startedAt, { ...outcome, error: logged(final, context.secrets) });
    trace.end(outcome);
    throw final;
  } finally {
    // Also reached when the caller breaks out of its loop: that listing ended normally.
    if (!recorded) {
      recordOperation(context, operation, startedAt, { outcome: 'ok', itemCount: count });
      trace.end({ outcome: 'ok', itemCount: count, complete });
    }
    linked?.dispose();
    await source?.close();
  }
}

function throwIfCancelled(context: DirectoryContext, operation: Verb, linked: OperationSignal): void {
  const reason = linked.reason();
  if (reason !== undefined) throw cancelledError(operation, context.provider, reason);
}

/**
 * The provider's iterator, with each `next()` raced against the signal. One abort listener serves
 * the whole listing (not one per step): a listing of 100,000 users adds no listener churn.
 */
class ProviderStream {
  readonly #iterator: AsyncIterator<unknown>;
  readonly #signal: AbortSignal;
  readonly #onAbort = (): void => this.#reject?.(this.#signal.reason);
  // Bound once: a step allocates its promise and nothing else (a listing of 100,000 users takes
  // 100,000 steps, and two closures a step were a large share of its garbage).
  readonly #capture = (
    resolve: (result: IteratorResult<unknown>) => void,
    reject: (reason: unknown) => void,
  ) => {
    this.#resolve = resolve;
    this.#reject = reject;
  };
  readonly #onStep = (result: IteratorResult<unknown>): void => {
    const resolve = this.#resolve;
    this.#settled();
    if (result.done === true) this.#finished = true;
    resolve?.(result);
  };
  readonly #onFailure = (error: unknown): void => {
    const reject = this.#reject;
    this.#settled();
    reject?.(error);
  };
  #resolve: ((result: IteratorResult<unknown>) => void) | undefined;
  #reject: ((reason: unknown) => void) | undefined;
  #pending = false;
  #finished = false;

  constructor(iterable: AsyncIterable<unknown>, signal: AbortSignal) {
    this.#iterator = iterable[Symbol.asyncIterator]();
    this.#signal = signal;
    signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** The provider's next step, or the abort reason as soon as the signal fires, whichever comes first. */
  next(): Promise<IteratorResult<unknown>> {
    if (this.#signal.aborted) return Promise.reject(this.#signal.reason);
    this.#pending = true;
    const step = this.#iterator.next();
    const outcome = new Promise<IteratorResult<unknown>>(this.#capture);
    step.then(this.#onStep, this.#onFailure);
    return outcome;
  }

  /**
   * Lets the provider release its resources. With a page still in flight (the abort won the race)
   * its `return()` runs once that page settles: not awaited, so the caller is not kept waiting.
   */
  async close(): Promise<void> {
    this.#signal.removeEventListener('abort', this.#onAbort);
    if (this.#finished || this.#iterator.return === undefined) return;
    const closing = this.#iterator.return();
    if (this.#pending) {
      closing.catch(() => undefined);
      return;
    }
    try {
      await closing;
    } catch {
      // The listing already has its outcome; a provider failing to clean up does not change it.
    }
  }

  #settled(): void {
    this.#pending = false;
    this.#resolve = undefined;
    this.#reject = undefined;
  }
}
