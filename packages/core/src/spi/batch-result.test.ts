import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../errors/error-classes.js';
import type { User } from '../model/user.js';
import { type BatchItemResult, batchResult } from './batch-result.js';

const user: User = {
  id: '1',
  userName: 'a@example.com',
  status: 'active',
  isAdmin: false,
  groups: [],
  attributes: {},
};

function item(index: number, ok: boolean): BatchItemResult {
  return ok
    ? { index, userName: `u${index}@example.com`, ok, user }
    : { index, userName: `u${index}@example.com`, ok, error: new ProviderError('failed', { provider: 'p' }) };
}

describe('batchResult', () => {
  it('orders items by index (equal indexes keep their order) and counts them, in order or not (property)', () => {
    const items = fc.array(
      fc.tuple(fc.nat({ max: 20 }), fc.boolean()).map(([index, ok]) => item(index, ok)),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          items,
          items.map((list) => [...list].sort((a, b) => a.index - b.index)),
        ),
        (list) => {
          const result = batchResult(list);
          const expected = [...list].sort((a, b) => a.index - b.index);
          expect(result.items).toHaveLength(expected.length);
          result.items.forEach((entry, position) => {
            expect(entry).toBe(expected[position]);
          });
          expect(result.succeeded).toBe(expected.filter((entry) => entry.ok).length);
          expect(result.failed).toBe(expected.length - result.succeeded);
        },
      ),
    );
  });

  it("returns its own array, never the caller's, even when it is in order already", () => {
    const list = [item(0, true), item(1, false)];
    const result = batchResult(list);
    expect(result.items).not.toBe(list);
    list.reverse();
    expect(result.items.map((entry) => entry.index)).toEqual([0, 1]);
  });
});
