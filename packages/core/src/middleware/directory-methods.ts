import { UnsupportedOperationError } from '../errors/error-classes.js';
import type { ProviderDirectory, ProviderVerbMethods } from '../spi/provider-directory.js';
import type { Verb } from '../spi/verbs.js';

/** The declared verbs `directory` has no method for: each one would fail every host call. */
export function missingMethods(directory: unknown, declared: readonly Verb[]): Verb[] {
  if (typeof directory !== 'object' || directory === null) return [...declared];
  return declared.filter((verb) => typeof (directory as Record<string, unknown>)[verb] !== 'function');
}

/**
 * The provider's method for `verb`. Its presence was checked when the directory was wrapped; a
 * directory that lost it since (a proxy, a mutated object) fails typed rather than with a TypeError.
 */
export function methodOf<V extends Verb>(
  inner: ProviderDirectory,
  verb: V,
  provider: string,
): ProviderVerbMethods[V] {
  const method = inner[verb];
  if (typeof method === 'function') return method.bind(inner) as ProviderVerbMethods[V];
  throw new UnsupportedOperationError(`${provider} has no ${verb} method`, {
    provider,
    details: { operation: verb },
  });
}
