import { isSecretField } from '@provisionkit/core';

const MAX_DEPTH = 8;

/**
 * String values held under secret-named keys (`password`, `provhash`, ...) anywhere in a request's
 * `data`: what an echoing server could quote back, to be scrubbed from its answer. Only object
 * keys are walked, and an object holding objects only once (cycles, repeated subtrees).
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
  // Only objects that hold objects are remembered, on reaching their first one: that is what stops
  // cycles and repeated subtrees. A leaf (a `batchadd` user) costs one read per reference anyway,
  // and remembering each user of every chunk was most of the walk. A leaf reached again is read
  // again, under its new key.
  let remembered = false;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (!remembered && typeof item === 'object' && item !== null) remembered = remember(seen, value);
      walk(item, secret, depth + 1, seen, found);
    }
    return;
  }
  // Own keys by `for...in`, not `Object.keys`: no array per item of a batch.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'string') {
      if (secret || isSecretField(key)) found.add(item);
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (!remembered) remembered = remember(seen, value);
    walk(item, secret || isSecretField(key), depth + 1, seen, found);
  }
}

function remember(seen: Set<object>, value: object): true {
  seen.add(value);
  return true;
}
