import { type ErrorCode, NotFoundError, type ProvisioningError, UnavailableError } from '@provisionkit/core';
import type { LastPassOutcome, LastPassSuccess } from './interpret-response.js';
import { delayForAttempt, isRetryable, type RetryPolicy } from './retry-policy.js';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What one HTTP exchange produced. `aborted` holds the caller's abort reason, to be rethrown. */
export interface ExchangeResult {
  readonly outcome?: LastPassOutcome;
  readonly aborted?: unknown;
  readonly httpStatus: number | null;
  readonly durationMs: number;
}

/** `cancelled`: the caller aborted the exchange; that is the caller's choice, not a failure. */
export type ExchangeOutcomeLabel = 'ok' | 'warn' | 'error' | 'retry' | 'cancelled';

export interface ExchangeReport {
  readonly attempt: number;
  readonly httpStatus: number | null;
  readonly durationMs: number;
  readonly outcome: ExchangeOutcomeLabel;
  readonly errorCode?: ErrorCode;
}

export interface RetrySettings {
  readonly policy: RetryPolicy;
  readonly idempotent: boolean;
  readonly readBack?: (() => Promise<boolean>) | undefined;
  readonly notFoundMeansApplied?: boolean | undefined;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly signal?: AbortSignal | undefined;
  /** Called exactly once per exchange, after the retry decision, so the log line can say `retry`. */
  readonly report: (report: ExchangeReport) => void;
}

export const READ_BACK_CONFIRMED = 'applied: confirmed by read-back after an ambiguous failure';
export const GONE_AFTER_AMBIGUOUS = 'applied: not_found on resend after an ambiguous failure';

// Errors after which the provider may or may not have applied the write. Refused connections and
// DNS failures are not among them: the request never left this machine.
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
function isAmbiguous(error: ProvisioningError): boolean {
  if (!UnavailableError.is(error)) return false;
  const code = error.details?.errorCode;
  return !(typeof code === 'string' && NEVER_SENT.has(code));
}

/**
 * The retry loop is kept here rather than in p-retry: it must (1) consult `readBack` between a
 * failed and a repeated non-idempotent write and possibly stop with success, (2) take each delay
 * from `delayForAttempt` (Retry-After floor), (3) sleep through an injectable function so tests do
 * not wait, and (4) know the decision before logging the exchange. p-retry exposes none of these
 * without wrapping every hook, which would be longer than this loop.
 */
export async function callWithRetries(
  exchange: () => Promise<ExchangeResult>,
  settings: RetrySettings,
): Promise<LastPassSuccess> {
  const { policy } = settings;
  let ambiguousBefore = false;
  for (let attempt = 1; ; attempt++) {
    const result = await exchange();
    const line = { attempt, httpStatus: result.httpStatus, durationMs: result.durationMs };
    if (result.outcome === undefined) {
      settings.report({ ...line, outcome: 'cancelled' });
      throw result.aborted;
    }
    const { outcome } = result;
    if (outcome.kind !== 'error') {
      settings.report({ ...line, outcome: outcome.kind });
      return outcome;
    }
    const { error } = outcome;
    if (ambiguousBefore && settings.notFoundMeansApplied === true && NotFoundError.is(error)) {
      settings.report({ ...line, outcome: 'ok', errorCode: error.code });
      return { kind: 'ok', body: { status: 'OK' }, info: [GONE_AFTER_AMBIGUOUS] };
    }
    const ambiguous = isAmbiguous(error);
    const blindResendUnsafe = ambiguous && !settings.idempotent && settings.readBack === undefined;
    if (attempt >= policy.maxAttempts || !isRetryable(policy, error) || blindResendUnsafe) {
      // An attempt whose fate was unknown may have applied the write, whatever this answer says (a
      // resend of an applied rename finds no old name): what the server holds decides.
      if ((ambiguousBefore || ambiguous) && !settings.idempotent && settings.readBack !== undefined) {
        if (await readBackOrThrow(settings.readBack, error, settings.signal)) {
          settings.report({ ...line, outcome: 'ok', errorCode: error.code });
          return { kind: 'ok', body: { status: 'OK' }, info: [READ_BACK_CONFIRMED] };
        }
      }
      settings.report({ ...line, outcome: 'error', errorCode: error.code });
      throw error;
    }
    settings.report({ ...line, outcome: 'retry', errorCode: error.code });
    await settings.sleep(delayForAttempt(policy, attempt, error, settings.random), settings.signal);
    if (!ambiguous) continue;
    ambiguousBefore = true;
    if (!settings.idempotent && settings.readBack !== undefined) {
      if (await readBackOrThrow(settings.readBack, error, settings.signal)) {
        return { kind: 'ok', body: { status: 'OK' }, info: [READ_BACK_CONFIRMED] };
      }
    }
  }
}

// A read-back that itself fails leaves the write's fate unknown: report the write's own error
// (unless the caller aborted, which wins).
async function readBackOrThrow(
  readBack: () => Promise<boolean>,
  writeError: ProvisioningError,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  let applied: boolean;
  try {
    applied = await readBack();
  } catch {
    signal?.throwIfAborted();
    throw writeError;
  }
  return applied;
}
