import { type CredentialStatus, type ErrorCode, parseInput } from '@provisionkit/core';
import type { FaultEngine } from './fault-engine.js';
import {
  type BatchItemSelector,
  BatchItemSelectorSchema,
  Code,
  Count,
  type FailBatchItemsOptions,
  FailBatchItemsOptionsSchema,
  type FailNextOptions,
  FailNextOptionsSchema,
  type LatencyOptions,
  LatencyOptionsSchema,
  Milliseconds,
  RateLimitOptionsSchema,
} from './fault-options.js';

function arg(argument: string): { readonly argument: string; readonly what: string } {
  return { argument, what: `fault script argument ${argument}` };
}

/**
 * Scripts failures of one `MockUserDirectory` (reach it as `directory.faults`). Every fault fires when a
 * request starts, before the directory changes anything, so a failed call leaves the store as it was.
 * Methods return `this` so scripts chain. Invalid arguments throw `InvalidInputError`.
 */
export class MockFaults {
  readonly #engine: FaultEngine;

  /** Created by `MockUserDirectory`; not meant to be built by hand. */
  constructor(engine: FaultEngine) {
    this.#engine = engine;
  }

  /**
   * The next `count` matching requests throw the error class of `code` (`RateLimitedError` carries
   * `retryAfterMs`). Each `listUsers` page is one request. Rules are consumed first-registered first.
   */
  failNext(count: number, code: ErrorCode, options: FailNextOptions = {}): this {
    const parsedOptions = parseInput(FailNextOptionsSchema, options, arg('options'));
    this.#engine.failRules.push({
      remaining: parseInput(Count, count, arg('count')),
      code: parseInput(Code, code, arg('code')),
      verbs: parsedOptions.verbs === undefined ? undefined : new Set(parsedOptions.verbs),
      onPage: parsedOptions.onPage,
      message: parsedOptions.message,
      retryAfterMs: parsedOptions.retryAfterMs,
    });
    return this;
  }

  /** Shorthand for `failNext(count, 'rate_limited', { retryAfterMs, verbs })`. */
  rateLimitNext(count: number, retryAfterMs: number, options: Pick<FailNextOptions, 'verbs'> = {}): this {
    const { verbs } = parseInput(RateLimitOptionsSchema, options, arg('options'));
    return this.failNext(count, 'rate_limited', {
      retryAfterMs: parseInput(Milliseconds, retryAfterMs, arg('retryAfterMs')),
      verbs,
    });
  }

  /** Delays every matching request by `ms` until `reset()`; delays of several matching rules add up. */
  addLatency(ms: number, options: LatencyOptions = {}): this {
    const { verbs } = parseInput(LatencyOptionsSchema, options, arg('options'));
    this.#engine.latencyRules.push({
      ms: parseInput(Milliseconds, ms, arg('ms')),
      verbs: verbs === undefined ? undefined : new Set(verbs),
    });
    return this;
  }

  /**
   * Selected `createUsers` items fail with `code` while the others are created. Applies to every later
   * batch until `reset()`, or to the first `times` selected items.
   */
  failBatchItems(selector: BatchItemSelector, code: ErrorCode, options: FailBatchItemsOptions = {}): this {
    const parsed = parseInput(FailBatchItemsOptionsSchema, options, arg('options'));
    this.#engine.itemRules.push({
      selector: parseInput(BatchItemSelectorSchema, selector, arg('selector')),
      code: parseInput(Code, code, arg('code')),
      remaining: parsed.times ?? Number.POSITIVE_INFINITY,
      message: parsed.message,
      retryAfterMs: parsed.retryAfterMs,
    });
    return this;
  }

  /** `verifyCredentials` reports `invalid`; every other verb throws `AuthenticationError`. */
  rejectCredentials(): this {
    this.#engine.credentials = 'invalid';
    return this;
  }

  /** `verifyCredentials` reports `expired`; every other verb throws `AuthenticationError`. */
  expireCredentials(): this {
    this.#engine.credentials = 'expired';
    return this;
  }

  /** `verifyCredentials` reports `insufficient_permissions`; every other verb throws `PermissionDeniedError`. */
  revokePermissions(): this {
    this.#engine.credentials = 'insufficient_permissions';
    return this;
  }

  /** `verifyCredentials` reports `unreachable`; every other verb throws `UnavailableError`. */
  unreachable(): this {
    this.#engine.credentials = 'unreachable';
    return this;
  }

  /** Ends a credential fault, keeping the other rules. */
  restoreCredentials(): this {
    this.#engine.credentials = 'valid';
    return this;
  }

  /** Removes every rule and restores credentials. Users and stats are kept. */
  reset(): this {
    this.#engine.reset();
    return this;
  }

  /** Failures `failNext`/`rateLimitNext` still have to fire. */
  get pending(): number {
    return this.#engine.pending;
  }

  /** What `verifyCredentials` currently reports (`valid` unless a credential fault is set). */
  get credentials(): CredentialStatus {
    return this.#engine.credentials;
  }
}
