import { isSecretField } from '@provisionkit/core';

const MAX_DEPTH = 8;

/**
 * String values held under secret-named keys (`password`, `provhash`, ...) anywhere in a request's
 * `data`: what an echoing server could quote back, to be scrubbed from its answer. Only object
 * keys are walked, never a value twice (cycles).
 */
export function requestSecrets(data: unknown): string[] {
  const found = new Set<string>();
  walk(data, false, 0, new Set(), found);
  return [...found];
}

function walk(value: unknown, secret: boolean, depth: number, seen: Set<object>, found: Set<string>): void {
  if (typeof value === 'string') {
    if (secret) found.add(value);
    return;
  }
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) walk(item, secret, depth + 1, seen, found);
    return;
  }
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'string' || (typeof item === 'object' && item !== null)) {
      walk(item, secret || isSecretField(key), depth + 1, seen, found);
    }
  }
}
