import { ProviderError } from '../errors/error-classes.js';
import { ProvisioningError } from '../errors/provisioning-error.js';

/** Causes followed when describing a failure (`A (caused by B (caused by C))`). */
const MAX_CAUSES = 3;
/** Characters of each message kept: enough for a missing binding, the token and who needed it. */
const MAX_MESSAGE = 400;

/**
 * A plugin failure as hosts get it. A typed provisioning error passes through; anything else is a
 * `ProviderError` whose message names the cause (a missing binding and who needed it, a missing
 * `@inject`, a factory's own message), so the reason is not hidden in `cause`. The caller scrubs
 * the connection's secrets from it.
 */
export function pluginFailure(error: unknown, provider: string, what: string): ProvisioningError {
  if (ProvisioningError.is(error)) return error;
  return new ProviderError(`The ${provider} plugin failed to ${what}: ${describeCause(error)}`, {
    provider,
    cause: error,
  });
}

/** `Name: message` of an error and of its causes, on one line. */
export function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && current !== undefined && current !== null; depth += 1) {
    parts.push(describeOne(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.reduceRight((inner, outer) => `${outer} (caused by ${inner})`);
}

function describeOne(value: unknown): string {
  if (typeof value === 'string') return `a thrown string: ${oneLine(value)}`;
  if (!(value instanceof Error)) return `a thrown ${typeof value}`;
  const message = oneLine(String(value.message));
  return message === '' ? value.name : `${value.name}: ${message}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}...` : flat;
}
