import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSecretField } from '../model/sensitivity.js';
import { secretStringsIn } from './secret-strings.js';

/** The walk that remembers every object it enters: what the faster walk must find, at least. */
function rememberingEvery(value: unknown): Set<string> {
  const found = new Set<string>();
  const seen = new Set<object>();
  const walk = (node: unknown, underSecret: boolean, depth: number): void => {
    if (typeof node === 'string') {
      if (underSecret && node !== '') found.add(node);
      return;
    }
    if (typeof node !== 'object' || node === null || depth > 8 || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) for (const item of node) walk(item, underSecret, depth + 1);
    else
      for (const [key, item] of Object.entries(node))
        walk(item, underSecret || isSecretField(key), depth + 1);
  };
  walk(value, false, 0);
  return found;
}

/** Nested values built from a few keys, secret ones included, some objects reached twice. */
const graph = fc
  .letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('pw-1', 'pw-2', '', 'plain', 3, null, true),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('password', 'userName', 'apiKey', 'items', 'Token'), tie('node'), {
        maxKeys: 3,
      }),
    ),
  }))
  .node.chain((root) =>
    // Reuse: the root, shared under a second key (and, for objects, inside itself: a cycle).
    fc.constantFrom('tree', 'shared', 'cycle').map((shape) => {
      if (shape === 'tree' || typeof root !== 'object' || root === null) return { root, shared: false };
      if (shape === 'shared') return { root: { a: root, password: root, list: [root, root] }, shared: true };
      if (Array.isArray(root)) root.push(root);
      else (root as Record<string, unknown>).self = root;
      return { root, shared: true };
    }),
  );

describe('secretStringsIn', () => {
  it('collects strings under secret field names at any depth', () => {
    const input = [{ userName: 'a', password: 'pw-one' }, { nested: { apiKey: { value: 'key-two' } } }];
    expect(secretStringsIn(input).sort()).toEqual(['key-two', 'pw-one']);
  });

  it('ignores ordinary fields and non-objects', () => {
    expect(secretStringsIn({ userName: 'a', email: 'b' })).toEqual([]);
    expect(secretStringsIn(undefined)).toEqual([]);
    expect(secretStringsIn('password')).toEqual([]);
  });

  it('finds every secret a walk remembering each object finds, and the same ones in a tree', () => {
    fc.assert(
      fc.property(graph, ({ root, shared }) => {
        const fast = new Set(secretStringsIn(root));
        const reference = rememberingEvery(root);
        for (const secret of reference) expect(fast.has(secret)).toBe(true);
        if (!shared) expect(fast).toStrictEqual(reference);
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads an item reached again under a secret key', () => {
    const item = { note: 'pw-shared' };
    expect(secretStringsIn({ info: item, password: item })).toEqual(['pw-shared']);
  });

  it('walks repeated subtrees once: a value that repeats itself at every level still ends', () => {
    // Ten references per level and eight levels: read per reference, 10^8 visits.
    let level: unknown = [{ password: 'pw-deep' }];
    for (let depth = 0; depth < 7; depth++) level = Array.from({ length: 10 }, () => level);
    expect(secretStringsIn(level)).toEqual(['pw-deep']);
  });
});
