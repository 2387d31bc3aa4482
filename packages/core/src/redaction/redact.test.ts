import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/error-classes.js';
import { REDACTED } from '../model/sensitivity.js';
import { redact } from './redact.js';
import { redactText } from './redact-text.js';

const CANARY = 'canary-9f8e7d6c5b4a';

describe('redact', () => {
  it('censors secret fields at any depth and in any case', () => {
    const result = redact({ password: 'p', a: [{ Provhash: 'h', b: { APIKEY: 'k', email: 'e@x.io' } }] });
    expect(result).toEqual({
      password: REDACTED,
      a: [{ Provhash: REDACTED, b: { APIKEY: REDACTED, email: 'e@x.io' } }],
    });
  });

  it('cuts literal secrets out of every string, keys included', () => {
    const input = { note: `token ${CANARY} used`, list: [CANARY], [CANARY]: 1 };
    const output = JSON.stringify(redact(input, { secrets: [CANARY] }));
    expect(output).not.toContain(CANARY);
    expect(output).toContain(`token ${REDACTED} used`);
  });

  it('does not change its input', () => {
    const input = { password: 'p', nested: { note: CANARY } };
    redact(input, { secrets: [CANARY] });
    expect(input).toEqual({ password: 'p', nested: { note: CANARY } });
  });

  it('reduces errors to name, code, scrubbed message and scrubbed cause chain, without stacks', () => {
    const root = { status: 401, body: `token=${CANARY}` };
    const error = new NotFoundError(`user ${CANARY} missing`, {
      cause: new Error(`GET /users?key=${CANARY}`, { cause: root }),
    });
    const result = redact({ error }, { secrets: [CANARY] });
    expect(result).toEqual({
      error: {
        name: 'NotFoundError',
        code: 'not_found',
        message: `user ${REDACTED} missing`,
        cause: {
          name: 'Error',
          message: `GET /users?key=${REDACTED}`,
          cause: { status: 401, body: `token=${REDACTED}` },
        },
      },
    });
    expect(JSON.stringify(result)).not.toContain('at ');
  });

  it('ends a cause chain that loops back on itself', () => {
    const error = new Error('outer');
    error.cause = new Error('inner', { cause: error });
    expect(redact(error)).toEqual({
      name: 'Error',
      message: 'outer',
      cause: { name: 'Error', message: 'inner', cause: '[Circular]' },
    });
  });

  it('replaces cycles and keeps shared (non-cyclic) references', () => {
    const shared = { v: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ shared: { v: 1 }, again: { v: 1 }, self: '[Circular]' });
  });

  it('copies each shared object once: a DAG costs its size, not its number of paths', () => {
    let reads = 0;
    const counted = <T extends object>(target: T): T =>
      new Proxy(target, {
        ownKeys(object) {
          reads += 1;
          return Reflect.ownKeys(object);
        },
      });
    let node: Record<string, unknown> = counted({ note: `token ${CANARY}` });
    for (let level = 0; level < 10; level += 1) node = counted({ a: node, b: node, c: node, d: node });
    type Copy = { readonly a?: Copy; readonly d?: Copy };
    const copy = redact(node, { secrets: [CANARY] }) as Copy;
    expect(reads).toBe(11);
    expect(copy.a).toBe(copy.d);
    expect(JSON.stringify(copy.a?.a?.a)).not.toContain(CANARY);
  });

  it('truncates very deep nesting', () => {
    let deep: Record<string, unknown> = { leaf: CANARY };
    for (let level = 0; level < 30; level += 1) deep = { next: deep };
    const output = JSON.stringify(redact(deep));
    expect(output).toContain('[Truncated]');
    expect(output).not.toContain(CANARY);
  });

  it('copies dates and arrays and leaves other primitives alone', () => {
    const date = new Date('2024-01-02T03:04:05Z');
    const result = redact({ date, list: [1, true, null], count: 3n }) as Record<string, unknown>;
    expect(result.date).toEqual(date);
    expect(result.date).not.toBe(date);
    expect(result.list).toEqual([1, true, null]);
    expect(result.count).toBe(3n);
  });

  it('hides binary data and drops functions', () => {
    expect(redact({ body: Buffer.from(CANARY), fn: () => CANARY })).toEqual({
      body: '[Binary]',
      fn: undefined,
    });
  });
});

describe('redactText', () => {
  it('replaces every occurrence of each secret', () => {
    expect(redactText(`a ${CANARY} b ${CANARY}`, [CANARY])).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it('ignores empty and very short secrets', () => {
    expect(redactText('abc and more', ['', 'abc'])).toBe('abc and more');
  });

  it('replaces a longer secret before a shorter one it contains', () => {
    expect(redactText('key=abcd1234', ['abcd', 'abcd1234'])).toBe(`key=${REDACTED}`);
  });
});
