import { untilAborted } from '../async/until-aborted.js';
import { parseRetryAfter } from '../errors/retry-after.js';
import { type AttemptFailure, failureOf, mapFailure } from './attempt-failure.js';
import { AttemptSignal } from './attempt-signal.js';
import type { ExchangeSetup } from './exchange-setup.js';
import { HttpResponse } from './http-response.js';
import { redirectError } from './network-errors.js';
import type { SenderResponse } from './senders/sender.js';

type AttemptEnding =
  | { readonly kind: 'ok' }
  | { readonly kind: 'failed'; readonly failure: AttemptFailure }
  | { readonly kind: 'cancelled' };

export type AttemptResult<T> = { readonly status: number | null; readonly durationMs: number } & (
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'failed'; readonly failure: AttemptFailure }
  | { readonly kind: 'cancelled' }
);

/**
 * One attempt: a limiter slot, the send, and the answer read within the timeout and the size cap.
 * Never throws except for the limiter's cancellation; every other end is a result.
 */
export async function exchange<T>(
  setup: ExchangeSetup<T>,
  body: string | Uint8Array | undefined,
  attemptNumber = 1,
): Promise<AttemptResult<T>> {
  const queuedAt = setup.clock.now();
  const permit = await setup.limiter.acquire(setup.signal);
  const started = setup.clock.now();
  const span = setup.trace?.startAttempt(attemptNumber, started - queuedAt);
  const attempt = new AttemptSignal(setup.signal, setup.timeoutMs, setup.clock);
  let status: number | null = null;
  let throttled = false;
  let retryAfterMs: number | undefined;
  // With `readAfter`, the attempt's slot and timeout end once the body has arrived, and the time
  // spent waiting to read it is not the attempt's.
  let released = false;
  let heldMs = 0;
  const end = <R extends AttemptEnding>(result: R) => {
    const durationMs = Math.round(setup.clock.now() - started - heldMs);
    const ended = { status, durationMs, ...(heldMs > 0 ? { heldMs } : {}), ...result };
    span?.end(ended);
    return ended;
  };
  const releaseSlot = () => {
    if (released) return;
    released = true;
    attempt.dispose();
    permit.release({ throttled, retryAfterMs });
  };
  try {
    const response = await setup.sender({
      url: setup.url,
      method: setup.label.method,
      headers: setup.headers,
      body,
      signal: attempt.signal,
    });
    status = response.status;
    if (status >= 200 && status <= 299) {
      const { url, label, maxResponseBytes, redactor } = setup;
      const success = new HttpResponse(response, url, label.provider, maxResponseBytes, redactor);
      if (setup.readAfter !== undefined) {
        await success.bytes();
        releaseSlot();
        const waitStarted = setup.clock.now();
        await untilAborted(setup.readAfter, setup.signal);
        heldMs = setup.clock.now() - waitStarted;
      }
      return end({ kind: 'ok' as const, value: await readSuccess(setup, success) });
    }
    retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), setup.clock.date());
    throttled = status === 429 || status === 503 || retryAfterMs !== undefined;
    if (status >= 300 && status <= 399) {
      await abandon(response);
      return end({
        kind: 'failed' as const,
        failure: { error: redirectError(setup.label, status), ambiguous: false, retryAfterMs },
      });
    }
    const error = await mapFailure(setup, response, retryAfterMs);
    // A 5xx may come from a proxy after the server applied the write; a 4xx is a refusal.
    return end({ kind: 'failed' as const, failure: { error, ambiguous: status >= 500, retryAfterMs } });
  } catch (caught) {
    if (attempt.cancelled) return end({ kind: 'cancelled' as const });
    return end({ kind: 'failed' as const, failure: failureOf(setup, caught, status, attempt.timedOut) });
  } finally {
    releaseSlot();
  }
}

async function readSuccess<T>(setup: ExchangeSetup<T>, response: HttpResponse): Promise<T> {
  const value = await setup.read(response);
  await response.discard();
  return value;
}

async function abandon(response: SenderResponse): Promise<void> {
  await response.body?.[Symbol.asyncIterator]().return?.();
}
