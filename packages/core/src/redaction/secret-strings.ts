import { isSecretField } from '../model/sensitivity.js';

const MAX_DEPTH = 8;

/**
 * String values held under secret field names (`password`, `apiKey`, ...) anywhere in `value`.
 * Used to scrub a call's own input (a new user's initial password) out of the errors it causes.
 */
export function secretStringsIn(value: unknown): string[] {
  const found = new Set<string>();
  walk(value, found, false, 0, new Set());
  return [...found];
}

function walk(value: unknown, found: Set<string>, underSecret: boolean, depth: number, seen: Set<object>) {
  if (typeof value === 'string') {
    if (underSecret && value !== '') found.add(value);
    return;
  }
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH || seen.has(value)) return;
  // Only objects that hold objects are remembered, on reaching their first one: that is what stops
  // cycles and repeated subtrees. A leaf (a batch item of strings) costs one read per reference
  // anyway, and remembering each of thousands of items was most of the walk. A leaf reached again
  // is read again, under its new key.
  let remembered = false;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (!remembered && typeof item === 'object' && item !== null) remembered = remember(seen, value);
      walk(item, found, underSecret, depth + 1, seen);
    }
    return;
  }
  // Own keys by `for...in`, not `Object.keys` or entries: no array per object, and a batch of
  // thousands of items makes this walk part of every large call.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'string') {
      if (underSecret || isSecretField(key)) walk(item, found, true, depth + 1, seen);
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (!remembered) remembered = remember(seen, value);
    walk(item, found, underSecret || isSecretField(key), depth + 1, seen);
  }
}

function remember(seen: Set<object>, value: object): true {
  seen.add(value);
  return true;
}
