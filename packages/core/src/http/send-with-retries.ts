import type { Logger } from '../composition/logger.js';
import type { ProvisioningError } from '../errors/provisioning-error.js';
import type { AttemptFailure } from './attempt-failure.js';
import { cancellation, throwIfCancelled } from './cancellation.js';
import { type AttemptResult, exchange } from './exchange.js';
import { type ExchangeOutcome, logExchange } from './exchange-log.js';
import type { ExchangeSetup } from './exchange-setup.js';
import type { RequestBody, SettleHook, Settlement } from './http-request.js';
import { backoffDelay, type RetryPolicy, retriesCode } from './retry-policy.js';
import { withDetails } from './with-details.js';

export interface RetrySetup<T> {
  readonly exchange: ExchangeSetup<T>;
  readonly policy: RetryPolicy;
  readonly idempotent: boolean;
  readonly settle: SettleHook<T> | undefined;
  readonly encode: (body: RequestBody) => string | Uint8Array | undefined;
  readonly body: string | Uint8Array | undefined;
  readonly logger: Logger;
  readonly operation: string | undefined;
  readonly random: () => number;
}

/**
 * The retry loop, kept in the toolkit rather than taken from cockatiel (see HTTP.md): between a
 * failed and a repeated non-idempotent write it must run `settle` and possibly stop with its
 * value or resend a different body; it must know its decision before it writes the exchange's log
 * line; its back-off waits must hold no limiter slot and run on the injectable clock; a
 * `Retry-After` beyond the policy's limit ends it at once. A non-idempotent request is never
 * resent after an ambiguous failure unless `settle` found it was not applied.
 */
export async function sendWithRetries<T>(setup: RetrySetup<T>): Promise<T> {
  const { policy, exchange: target } = setup;
  let body = setup.body;
  for (let attempt = 1; ; attempt++) {
    const result = await exchange(target, body, attempt);
    if (result.kind === 'ok') {
      log(setup, attempt, result, 'ok');
      return result.value;
    }
    if (result.kind === 'cancelled') {
      log(setup, attempt, result, 'cancelled');
      throw cancellation(target.signal!, target.label.provider);
    }
    const { failure } = result;
    const unsafe = failure.ambiguous && !setup.idempotent;
    const mayRetry = attempt < policy.maxAttempts && retryable(policy, failure);
    if (unsafe && setup.settle === undefined) {
      log(setup, attempt, result, 'failed');
      throw withDetails(failure.error, { writeOutcome: 'unknown' });
    }
    log(setup, attempt, result, mayRetry || unsafe ? 'retry' : 'failed');
    if (!mayRetry && !unsafe) throw failure.error;
    // Also before a settle read: a held write may still land, and the read should see it.
    await pause(setup, delayFor(setup, attempt, failure));
    if (!unsafe) continue;
    const settlement = await settleOrUnknown(
      setup.settle!,
      attempt,
      failure.error,
      target.signal,
      target.label.provider,
    );
    if (settlement.status === 'applied') return settlement.value;
    if (settlement.status === 'unknown') throw withDetails(failure.error, { writeOutcome: 'unknown' });
    if (!mayRetry) throw withDetails(failure.error, { writeOutcome: 'not_applied' });
    if (settlement.resend !== undefined) body = setup.encode(settlement.resend);
  }
}

function retryable(policy: RetryPolicy, failure: AttemptFailure): boolean {
  if (!failure.error.retryable || !retriesCode(policy, failure.error.code)) return false;
  // A server that asks for more than we are willing to wait gets its answer to the host at once.
  const asked = failure.retryAfterMs;
  return !(policy.respectRetryAfter && asked !== undefined && asked > policy.maxRetryAfterMs);
}

function delayFor<T>(setup: RetrySetup<T>, attempt: number, failure: AttemptFailure): number {
  const asked = failure.retryAfterMs;
  const honoured = asked !== undefined && asked <= setup.policy.maxRetryAfterMs ? asked : undefined;
  return backoffDelay(setup.policy, attempt, honoured, setup.random);
}

// A settle read that fails leaves the write's fate unknown, unless the caller aborted, which wins.
async function settleOrUnknown<T>(
  settle: SettleHook<T>,
  attempt: number,
  error: ProvisioningError,
  signal: AbortSignal | undefined,
  provider: string,
): Promise<Settlement<T>> {
  try {
    const settlement = await settle({ attempt, error, signal });
    throwIfCancelled(signal, provider);
    return isSettlement(settlement) ? settlement : { status: 'unknown' };
  } catch {
    throwIfCancelled(signal, provider);
    return { status: 'unknown' };
  }
}

async function pause<T>(setup: RetrySetup<T>, ms: number): Promise<void> {
  const { clock, signal, label } = setup.exchange;
  try {
    await clock.sleep(ms, signal);
  } catch (error) {
    throwIfCancelled(signal, label.provider);
    throw error;
  }
}

function isSettlement<T>(value: unknown): value is Settlement<T> {
  if (typeof value !== 'object' || value === null) return false;
  const status = (value as { status?: unknown }).status;
  return status === 'applied' || status === 'not_applied' || status === 'unknown';
}

function log<T>(
  setup: RetrySetup<T>,
  attempt: number,
  result: AttemptResult<T>,
  outcome: ExchangeOutcome,
): void {
  const { label, url, redactor } = setup.exchange;
  const error = result.kind === 'failed' ? result.failure.error : undefined;
  const reason = error?.details?.reason;
  logExchange(setup.logger, {
    operation: setup.operation,
    method: label.method,
    host: url.host,
    path: redactor.text(label.path),
    status: result.status,
    durationMs: result.durationMs,
    attempt,
    outcome,
    errorCode: error?.code,
    reason: typeof reason === 'string' ? reason : undefined,
  });
}
