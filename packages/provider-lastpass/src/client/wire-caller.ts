import { setTimeout as delay } from 'node:timers/promises';
import { type Logger, ProvisioningError } from '@provisionkit/core';
import type { CallOptions } from './call-options.js';
import {
  callWithRetries,
  type ExchangeReport,
  type ExchangeResult,
  type Sleep,
} from './call-with-retries.js';
import type { LastPassClientConfig } from './client-config.js';
import { interpretResponse, type LastPassSuccess } from './interpret-response.js';
import { createRequestLimiter, type RequestLimiter } from './limiter.js';
import { requestSecrets } from './request-secrets.js';
import { createTransport, type FetchLike, type Transport } from './transport.js';

export interface WireCallerOptions {
  readonly fetch?: FetchLike | undefined;
  readonly sleep?: Sleep | undefined;
  readonly random?: (() => number) | undefined;
  readonly now?: (() => number) | undefined;
}

// An abort during back-off surfaces as the caller's own reason, like an abort during the request.
const defaultSleep: Sleep = async (ms, signal) => {
  try {
    await delay(ms, undefined, signal === undefined ? {} : { signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
};

/**
 * Sends one command with the connection's credentials, limits, retries and logging. Private fields
 * (`#`) keep the provhash-holding parts out of any accidental serialization of the instance.
 */
export class WireCaller {
  readonly #transport: Transport;
  readonly #limiter: RequestLimiter;
  readonly #logger: Logger;
  readonly #config: LastPassClientConfig;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #now: () => number;

  constructor(config: LastPassClientConfig, logger: Logger, options: WireCallerOptions = {}) {
    this.#config = config;
    this.#logger = logger;
    this.#transport = createTransport({ ...config, fetch: options.fetch });
    this.#limiter = createRequestLimiter(config.limits);
    this.#sleep = options.sleep ?? defaultSleep;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
  }

  async call(
    cmd: string,
    data: unknown,
    idempotent: boolean,
    options: CallOptions = {},
  ): Promise<LastPassSuccess> {
    // Looked for only when an answer has text to scrub, then once for every attempt.
    let secrets: readonly string[] | undefined;
    const secretsOf = () => {
      secrets ??= [this.#config.provhash, ...requestSecrets(data)];
      return secrets;
    };
    return callWithRetries(() => this.#exchange(cmd, data, options.signal, secretsOf), {
      policy: this.#config.retry,
      idempotent: options.idempotent ?? idempotent,
      readBack: options.readBack,
      notFoundMeansApplied: options.notFoundMeansApplied,
      sleep: this.#sleep,
      random: this.#random,
      signal: options.signal,
      report: (report) => this.#log(cmd, report),
    });
  }

  #exchange(
    cmd: string,
    data: unknown,
    signal: AbortSignal | undefined,
    secrets: () => readonly string[],
  ): Promise<ExchangeResult> {
    return this.#limiter.run(async () => {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      try {
        const response = await this.#transport({ cmd, data, signal });
        const outcome = interpretResponse({
          cmd,
          ...response,
          secrets,
          now: this.#now(),
        });
        return { outcome, httpStatus: response.httpStatus, durationMs: elapsed() };
      } catch (error) {
        if (ProvisioningError.is(error)) {
          return { outcome: { kind: 'error', error }, httpStatus: null, durationMs: elapsed() };
        }
        return { aborted: error, httpStatus: null, durationMs: elapsed() };
      }
    }, signal);
  }

  // The only log line of an exchange: no body, no data, no credentials, by construction.
  #log(cmd: string, report: ExchangeReport): void {
    const fields = {
      cmd,
      status: report.httpStatus,
      durationMs: report.durationMs,
      attempt: report.attempt,
      outcome: report.outcome,
      ...(report.errorCode === undefined ? {} : { errorCode: report.errorCode }),
    };
    if (report.outcome === 'ok' || report.outcome === 'cancelled') {
      this.#logger.info(fields, 'lastpass exchange');
    } else if (report.outcome === 'error') this.#logger.error(fields, 'lastpass exchange');
    else this.#logger.warn(fields, 'lastpass exchange');
  }
}
