import {
  type CredentialStatus,
  type ErrorCode,
  type NewUser,
  normalizeUserName,
  type ProvisioningError,
  type Verb,
} from '@provisionkit/core';
import { throwIfAborted } from '../abort-check.js';
import { delay } from './delay.js';
import type { BatchItemSelector, CredentialFault } from './fault-options.js';
import { credentialError, injectedError } from './injected-error.js';

/** One provider request: a verb call, or one page of a `listUsers` enumeration. */
export interface FaultRequest {
  readonly verb: Verb;
  /** 1-based page number, for `listUsers` and `listUsersChangedSince`. */
  readonly page?: number;
}

export interface FailRule {
  remaining: number;
  readonly code: ErrorCode;
  readonly verbs: ReadonlySet<Verb> | undefined;
  readonly onPage: number | undefined;
  readonly message: string | undefined;
  readonly retryAfterMs: number | undefined;
}

export interface LatencyRule {
  readonly ms: number;
  readonly verbs: ReadonlySet<Verb> | undefined;
}

export interface ItemRule {
  remaining: number;
  readonly selector: BatchItemSelector;
  readonly code: ErrorCode;
  readonly message: string | undefined;
  readonly retryAfterMs: number | undefined;
}

/** verifyCredentials reports these scripted failures as a status, as the SPI asks, instead of throwing. */
const STATUS_FOR_CODE: Partial<Record<ErrorCode, CredentialFault>> = {
  authentication: 'invalid',
  permission_denied: 'insufficient_permissions',
  unavailable: 'unreachable',
};

/**
 * The fault state a directory consults at the start of every request, before it touches its store:
 * so a failed call never changes anything. Scripted through `MockFaults`.
 */
export class FaultEngine {
  readonly failRules: FailRule[] = [];
  readonly latencyRules: LatencyRule[] = [];
  readonly itemRules: ItemRule[] = [];
  credentials: CredentialStatus = 'valid';

  /**
   * Waits the scripted latency, then throws the scripted failure for this request, if any. An
   * aborted `signal` (before or during the wait) throws `CancelledError` instead.
   */
  async enter(request: FaultRequest, provider: string, signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal, request.verb, provider);
    await this.#wait(request, signal);
    throwIfAborted(signal, request.verb, provider);
    if (this.credentials !== 'valid') throw credentialError(this.credentials, provider);
    const rule = this.#take(request);
    if (rule !== undefined) throw this.#error(rule, request.verb, provider);
  }

  /** `verifyCredentials`: reports credential faults as a status; other scripted failures still throw. */
  async verify(provider: string, signal?: AbortSignal): Promise<CredentialStatus> {
    const request: FaultRequest = { verb: 'verifyCredentials' };
    throwIfAborted(signal, request.verb, provider);
    await this.#wait(request, signal);
    throwIfAborted(signal, request.verb, provider);
    if (this.credentials !== 'valid') return this.credentials;
    const rule = this.#take(request);
    if (rule === undefined) return 'valid';
    const status = STATUS_FOR_CODE[rule.code];
    if (status === undefined) throw this.#error(rule, request.verb, provider);
    return status;
  }

  /** The scripted failure of one `createUsers` item, consuming the first matching rule. */
  itemError(item: NewUser, index: number, provider: string): ProvisioningError | undefined {
    const rule = this.itemRules.find(
      (candidate) => candidate.remaining > 0 && selects(candidate, item, index),
    );
    if (rule === undefined) return undefined;
    rule.remaining -= 1;
    return injectedError(rule.code, {
      provider,
      message: rule.message ?? `Injected fault: ${rule.code} on createUsers item ${index}`,
      retryAfterMs: rule.retryAfterMs,
    });
  }

  get pending(): number {
    return this.failRules.reduce((sum, rule) => sum + rule.remaining, 0);
  }

  reset(): void {
    this.failRules.length = 0;
    this.latencyRules.length = 0;
    this.itemRules.length = 0;
    this.credentials = 'valid';
  }

  async #wait(request: FaultRequest, signal?: AbortSignal): Promise<void> {
    const ms = this.latencyRules
      .filter((rule) => rule.verbs === undefined || rule.verbs.has(request.verb))
      .reduce((sum, rule) => sum + rule.ms, 0);
    if (ms > 0) await delay(ms, signal);
  }

  #take(request: FaultRequest): FailRule | undefined {
    const index = this.failRules.findIndex((rule) => matches(rule, request));
    const rule = this.failRules[index];
    if (rule === undefined) return undefined;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.failRules.splice(index, 1);
    return rule;
  }

  #error(rule: FailRule, verb: Verb, provider: string): ProvisioningError {
    return injectedError(rule.code, {
      provider,
      message: rule.message ?? `Injected fault: ${rule.code} on ${verb}`,
      retryAfterMs: rule.retryAfterMs,
    });
  }
}

function matches(rule: FailRule, request: FaultRequest): boolean {
  if (rule.verbs !== undefined && !rule.verbs.has(request.verb)) return false;
  return rule.onPage === undefined || (request.page !== undefined && request.page === rule.onPage);
}

function selects(rule: ItemRule, item: NewUser, index: number): boolean {
  if (typeof rule.selector === 'function') return rule.selector(item, index);
  const name = normalizeUserName(item.userName);
  return rule.selector.some((candidate) => normalizeUserName(candidate) === name);
}
