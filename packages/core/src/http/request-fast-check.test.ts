import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestShape } from './build-request.js';
import { isPlainRequest } from './request-fast-check.js';

const typical = () => ({
  method: 'POST',
  path: 'https://lastpass.example/enterpriseapi.php',
  json: { cid: 1, cmd: 'batchadd', data: [{ username: 'ada@example.com' }] },
  read: () => undefined,
  mapError: () => undefined,
  secrets: ['pw-1'],
  operation: 'batchadd',
  errorDetails: { cmd: 'batchadd' },
  signal: new AbortController().signal,
  idempotent: false,
});

// Values every key is tried with: valid ones for some key, and what no key accepts.
const value = fc.constantFrom<unknown>(
  undefined,
  null,
  '',
  'GET',
  'get',
  'POST',
  '/users',
  'x'.repeat(64),
  'x'.repeat(65),
  'x'.repeat(257),
  'x'.repeat(8193),
  0,
  1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  [],
  ['s'],
  ['s', 1],
  [undefined],
  new Array(1),
  Array.from({ length: 10_001 }, () => 's'),
  {},
  { cmd: 'x' },
  { cmd: 'x'.repeat(257) },
  { ['k'.repeat(65)]: 1 },
  { n: Number.NaN },
  { nested: { a: 1 } },
  { flag: true, count: 3 },
  Object.create(null),
  JSON.parse('{"__proto__": "x"}'),
  { constructor: 'x' },
  { [Symbol('hidden')]: 'x' },
  new Date(0),
  new AbortController().signal,
  () => undefined,
  new Uint8Array(1),
  Symbol('s'),
);
const key = fc.constantFrom(
  ...Object.keys(RequestShape.shape),
  'unknown',
  'Method',
  '__proto__',
  'constructor',
);
// Values at and just past each key's own limits, so every limit is met often.
const LIMITS: Readonly<Record<string, readonly unknown[]>> = {
  method: ['GET', 'OPTIONS', 'TRACE', 'post'],
  path: ['/', 'x'.repeat(8192), 'x'.repeat(8193), ''],
  operation: ['x', 'x'.repeat(64), 'x'.repeat(65), ''],
  secrets: [
    Array.from({ length: 10_000 }, () => 's'),
    Array.from({ length: 10_001 }, () => 's'),
    ['s', null],
  ],
  errorDetails: [
    { ['k'.repeat(64)]: 'x'.repeat(256) },
    { ['k'.repeat(65)]: 1 },
    { cmd: 'x'.repeat(257) },
    { n: Number.NEGATIVE_INFINITY },
    { '': false },
  ],
};
// Without bias: every key and value as likely as the first ones.
const edit = fc
  .tuple(
    fc.noBias(key),
    fc.noBias(value),
    fc.noBias(fc.nat(9)),
    fc.constantFrom('set', 'set', 'delete', 'hide'),
  )
  .map(([name, general, pick, how]) => {
    const limits = LIMITS[name] ?? [];
    const chosen = pick < limits.length * 2 ? limits[pick % limits.length] : general;
    return [name, chosen, how] as const;
  });

/** A typical request with one to three keys set (plainly or as a hidden property) or removed. */
const request = fc
  .tuple(fc.array(edit, { minLength: 0, maxLength: 3 }), fc.constantFrom('object', 'null-prototype', 'class'))
  .map(([edits, kind]) => {
    const base: Record<string, unknown> = typical();
    for (const [name, replacement, how] of edits) {
      if (how === 'delete') delete base[name];
      else
        Object.defineProperty(base, name, {
          value: replacement,
          enumerable: how === 'set',
          configurable: true,
        });
    }
    if (kind === 'null-prototype') return Object.assign(Object.create(null), base);
    if (kind === 'class') return Object.assign(new (class Request {})(), base);
    return base;
  });

describe('isPlainRequest', () => {
  it('reads a provider request of the common shape as plain', () => {
    expect(isPlainRequest(typical())).toBe(true);
    expect(RequestShape.safeParse(typical()).success).toBe(true);
  });

  it('leaves every request with a retry override, a form, a body or headers to the schema', () => {
    for (const extra of [{ retry: {} }, { form: { a: 'b' } }, { body: 'x' }, { headers: { a: 'b' } }]) {
      expect(isPlainRequest({ ...typical(), ...extra })).toBe(false);
    }
  });

  it('never calls plain what the schema refuses, hostile requests included (property)', () => {
    let plain = 0;
    fc.assert(
      fc.property(request, (candidate) => {
        if (!isPlainRequest(candidate)) return;
        plain += 1;
        expect(RequestShape.safeParse(candidate).success).toBe(true);
      }),
      { numRuns: 5_000 },
    );
    // The property must not pass by calling nothing plain.
    expect(plain).toBeGreaterThan(500);
  });
});
