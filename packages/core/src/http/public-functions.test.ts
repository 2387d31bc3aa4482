import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProvisioningError } from '../errors/provisioning-error.js';
import * as http from './index.js';
import { scriptedSender } from './scripted-sender-test-helpers.js';

type Callable = (...args: unknown[]) => unknown;

/** Every function the `./http` entry exports, found by enumeration so a new export is covered too. */
const exported = Object.entries(http as Record<string, unknown>).filter(
  (entry): entry is [string, Callable] => typeof entry[1] === 'function',
);

const isClass = (fn: Callable) => /^class\b/.test(Function.prototype.toString.call(fn));

/** Calls `fn` (with `new` for a class); a promise is awaited, an async iterable asked for one item. */
async function invoke(fn: Callable, args: readonly unknown[]): Promise<void> {
  const result = isClass(fn) ? Reflect.construct(fn, args) : fn(...args);
  if (result instanceof Promise) await result;
  else if (typeof (result as AsyncIterator<unknown> | undefined)?.next === 'function') {
    await (result as AsyncIterator<unknown>).next();
  }
}

const argumentArb = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withNullPrototype: true,
    withTypedArray: true,
  }),
  fc.constantFrom(Symbol('x'), () => 'fn', Number.NaN, new Error('plain'), [undefined], { toJSON: 5 }),
);

async function expectOnlyInvalidInput(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!ProvisioningError.is(error)) throw error;
    expect(error.code).toBe('invalid_input');
  }
}

describe('@provisionkit/core/http entry', () => {
  it('exports functions to fuzz', () => {
    expect(exported.map(([name]) => name)).toEqual(
      expect.arrayContaining(['createHttpClient', 'pageByCursor', 'jsonReader', 'nodeHttpSender']),
    );
  });

  it.each(exported.map(([name, fn]) => [name, fn] as const))(
    '%s fails on wrong input only with invalid_input (never a TypeError)',
    async (_name, fn) => {
      await fc.assert(
        fc.asyncProperty(fc.array(argumentArb, { maxLength: 3 }), (args) =>
          expectOnlyInvalidInput(() => invoke(fn, args)),
        ),
        { numRuns: 150 },
      );
    },
  );

  it('HttpClient.request refuses a wrong request with invalid_input before sending anything', async () => {
    const { sender, sent } = scriptedSender([{ status: 200, body: '{}' }]);
    const client = http.createHttpClient({ provider: 'fuzz', baseUrl: 'https://fuzz.test', sender });
    await fc.assert(
      fc.asyncProperty(argumentArb, (request) =>
        expectOnlyInvalidInput(async () => {
          await client.request(request as never);
        }),
      ),
      { numRuns: 300 },
    );
    expect(sent).toHaveLength(0);
  });
});
