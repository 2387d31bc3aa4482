import { type Logger, NotFoundError } from '@provisionkit/core';
import {
  type Clock,
  createHttpClient,
  type HttpClient,
  type HttpSender,
  type LimiterState,
  type Settlement,
} from '@provisionkit/core/http';
import type { CallOptions } from './call-options.js';
import type { LastPassClientConfig } from './client-config.js';
import type { LastPassSuccess } from './interpret-response.js';
import { lastPassLimiterSettings } from './lastpass-limits.js';
import { lastPassReader, lastPassStatusError } from './lastpass-reader.js';
import { requestSecrets } from './request-secrets.js';

export interface WireCallerOptions {
  /** How bytes are sent (default: core's `nodeHttpSender()`; `fetchSender(fetch)` for `fetch`). */
  readonly sender?: HttpSender | undefined;
  /** Time for back-off waits, pacing and timeouts (core's `VirtualClock` in tests). */
  readonly clock?: Clock | undefined;
  readonly random?: (() => number) | undefined;
}

/** Info of a write that failed ambiguously and was found applied by reading what LastPass holds. */
export const READ_BACK_CONFIRMED = 'applied: confirmed by read-back after an ambiguous failure';
/** Info of a delete whose resend, after an ambiguous failure, found the user already gone. */
export const GONE_AFTER_AMBIGUOUS = 'applied: not_found on resend after an ambiguous failure';

const applied = (info: string): Settlement<LastPassSuccess> => ({
  status: 'applied',
  value: { kind: 'ok', body: { status: 'OK' }, info: [info] },
});

/**
 * Sends one command through the connection's core HTTP client (limits, retries, settle, logging,
 * size cap, redaction). LastPass has one URL and puts its credentials in the JSON body; its answers
 * are read by `lastPassReader` (HTTP 200 proves nothing there). Private fields keep the
 * provhash-holding parts out of any accidental serialization of the instance.
 */
export class WireCaller {
  readonly #http: HttpClient;
  readonly #config: LastPassClientConfig;

  constructor(config: LastPassClientConfig, logger: Logger, options: WireCallerOptions = {}) {
    this.#config = config;
    this.#http = createHttpClient({
      provider: 'lastpass',
      baseUrl: config.baseUrl,
      // LastPass labels its JSON as text/xml, and its one credential failure is an XML document.
      headers: { accept: 'application/json, text/xml' },
      secrets: [config.provhash],
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
      retry: config.retry,
      limits: lastPassLimiterSettings(config.limits),
      logger,
      sender: options.sender,
      clock: options.clock,
      random: options.random,
    });
  }

  /** The connection's limiter: current rate, requests in flight, throttled answers. */
  get limiterState(): LimiterState {
    return this.#http.limiterState;
  }

  call(cmd: string, data: unknown, idempotent: boolean, options: CallOptions = {}): Promise<LastPassSuccess> {
    const secrets = requestSecrets(data);
    const allSecrets = [this.#config.provhash, ...secrets];
    const request = {
      method: 'POST',
      // The configured URL itself: LastPass has one endpoint, and its path must not gain a slash.
      path: this.#config.baseUrl,
      json: this.#envelope(cmd, data),
      read: lastPassReader(cmd, allSecrets),
      mapError: lastPassStatusError(cmd, allSecrets),
      secrets,
      operation: cmd,
      errorDetails: { cmd },
      signal: options.signal,
      readAfter: options.readAfter,
    } as const;
    const settle = this.#settleFor(cmd, options);
    if (settle !== undefined) return this.#http.request({ ...request, idempotent: false, settle });
    return this.#http.request({ ...request, idempotent: options.idempotent ?? idempotent });
  }

  #envelope(cmd: string, data: unknown): Record<string, unknown> {
    return {
      cid: this.#config.cid,
      provhash: this.#config.provhash,
      cmd,
      ...(data === undefined ? {} : { data }),
      ...(this.#config.apiUser === undefined ? {} : { apiuser: this.#config.apiUser }),
    };
  }

  /**
   * The settle hook of a write whose ambiguous failure can be resolved: by the caller's read-back,
   * or (a delete) by the resend's answer, since a user the first attempt removed is `not_found`.
   */
  #settleFor(cmd: string, options: CallOptions) {
    const { readBack, settle, notFoundMeansApplied } = options;
    if (settle !== undefined) {
      return async (context: Parameters<NonNullable<CallOptions['settle']>>[0]) => {
        const found = await settle(context);
        if (found.status !== 'not_applied' || found.resendData === undefined) return found;
        return { status: 'not_applied', resend: { json: this.#envelope(cmd, found.resendData) } } as const;
      };
    }
    if (readBack !== undefined) {
      return async (): Promise<Settlement<LastPassSuccess>> =>
        (await readBack()) ? applied(READ_BACK_CONFIRMED) : { status: 'not_applied' };
    }
    if (notFoundMeansApplied === true) {
      const lastAttempt = this.#config.retry.maxAttempts;
      return async ({ attempt, error }: { attempt: number; error: unknown }) => {
        // Called again when the resend is refused: a user that is gone was removed by the first.
        if (NotFoundError.is(error)) return applied(GONE_AFTER_AMBIGUOUS);
        return attempt >= lastAttempt
          ? ({ status: 'unknown' } as const)
          : ({ status: 'not_applied' } as const);
      };
    }
    return undefined;
  }
}
