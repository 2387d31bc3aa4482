import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as core from './index.js';
import { ProvisioningError } from './index.js';
import * as storeKit from './store-kit/index.js';

type Callable = (...args: unknown[]) => unknown;

/** Every function an entry exports, found by enumeration so a new export is covered too. */
function functionsOf(entry: object): [string, Callable][] {
  return Object.entries(entry).filter((item): item is [string, Callable] => typeof item[1] === 'function');
}
const exported = functionsOf(core);

function isClass(fn: Callable): boolean {
  return /^class\b/.test(Function.prototype.toString.call(fn));
}

/** Calls `fn` (with `new` for a class); a returned promise is awaited. */
async function invoke(fn: Callable, args: readonly unknown[]): Promise<unknown> {
  const result = isClass(fn) ? Reflect.construct(fn, args) : fn(...args);
  return result instanceof Promise ? await result : result;
}

/** Wrong shapes a caller may pass: anything fast-check makes, plus a few pointed ones. */
const argumentArb = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
  fc.constantFrom(Symbol('x'), () => 'fn', Number.NaN, new Error('plain'), [undefined], { toJSON: 5 }),
);

/** Fuzzes `fn` with wrong arguments: it may return or throw `invalid_input`, nothing else. */
async function expectOnlyInvalidInput(fn: Callable): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(argumentArb, { maxLength: 4 }), async (args) => {
      try {
        await invoke(fn, args);
      } catch (error) {
        if (!ProvisioningError.is(error)) throw error;
        expect(error.code).toBe('invalid_input');
      }
    }),
    { numRuns: 200 },
  );
}

describe('@provisionkit/core main entry', () => {
  it('exports functions to fuzz', () => {
    expect(exported.map(([name]) => name)).toEqual(
      expect.arrayContaining(['describeRef', 'errorForCode', 'redactText']),
    );
  });

  it.each(exported.map(([name, fn]) => [name, fn] as const))(
    '%s fails on wrong input only with a ProvisioningError (never a TypeError)',
    async (_name, fn) => expectOnlyInvalidInput(fn),
  );
});

describe('@provisionkit/core/store entry', () => {
  it.each(functionsOf(storeKit).map(([name, fn]) => [name, fn] as const))(
    '%s fails on wrong input only with a ProvisioningError (never a TypeError)',
    async (_name, fn) => expectOnlyInvalidInput(fn),
  );
});
