import { argumentError, requireArray } from '../errors/argument-error.js';
import { ProvisioningError } from '../errors/provisioning-error.js';
import { redact } from './redact.js';
import { normalizeSecrets, replaceSecrets } from './redact-text.js';

/** Structured fields that may carry caller or provider data and are therefore redacted deeply. */
const STRUCTURED_FIELDS = new Set<PropertyKey>(['details', 'issues']);
const TEXT_FIELDS = new Set<PropertyKey>(['message', 'stack']);

export interface CopyErrorOptions {
  readonly secrets: readonly string[];
  /** Filled in when the error does not name a provider yet. */
  readonly provider?: string | undefined;
  /** Replaces the copy's `retryable` when given. */
  readonly retryable?: boolean | undefined;
}

/**
 * A copy of `error` (same class, code, retryability) whose message, stack and details no longer
 * contain any of `secrets` nor values of secret fields. `cause` is kept for debugging: `toJSON` never
 * serializes it.
 */
export function scrubError(error: ProvisioningError, secrets: readonly string[]): ProvisioningError {
  if (!ProvisioningError.is(error)) throw argumentError('scrubError', 'error', 'must be a ProvisioningError');
  return copyError(error, { secrets: requireArray('scrubError', 'secrets', secrets) as readonly string[] });
}

/**
 * Rebuilds the error through its prototype instead of its constructor: subclasses have different
 * constructor signatures, and an error from another copy of core must keep its own class.
 */
export function copyError<E extends ProvisioningError>(error: E, options: CopyErrorOptions): E {
  const secrets = normalizeSecrets(options.secrets);
  const copy = Object.create(Object.getPrototypeOf(error)) as E;
  for (const key of Reflect.ownKeys(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (descriptor === undefined) continue;
    Object.defineProperty(copy, key, scrubDescriptor(error, key, descriptor, secrets));
  }
  if (options.retryable !== undefined && copy.retryable !== options.retryable) {
    Object.defineProperty(copy, 'retryable', {
      value: options.retryable,
      enumerable: true,
      writable: false,
      configurable: true,
    });
  }
  if (copy.provider === undefined && options.provider !== undefined) {
    Object.defineProperty(copy, 'provider', {
      value: options.provider,
      enumerable: true,
      writable: false,
      configurable: true,
    });
  }
  return copy;
}

function scrubDescriptor(
  error: ProvisioningError,
  key: PropertyKey,
  descriptor: PropertyDescriptor,
  secrets: readonly string[],
): PropertyDescriptor {
  if (TEXT_FIELDS.has(key)) {
    // V8 may expose `stack` as an accessor; read it through the error and store the scrubbed text.
    const text = (error as unknown as Record<PropertyKey, unknown>)[key as string];
    if (typeof text !== 'string') return descriptor;
    return {
      value: replaceSecrets(text, secrets),
      enumerable: descriptor.enumerable ?? false,
      writable: true,
      configurable: true,
    };
  }
  if (STRUCTURED_FIELDS.has(key) && 'value' in descriptor && descriptor.value !== undefined) {
    return { ...descriptor, value: redact(descriptor.value, { secrets }) };
  }
  return descriptor;
}
