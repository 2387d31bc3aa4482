import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/error-classes.js';
import { checkBatchItems } from './validate-output.js';

const user = (id: string) => ({
  id,
  userName: `u${id}@example.com`,
  status: 'active',
  isAdmin: false,
  groups: [],
  attributes: {},
});

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('checkBatchItems', () => {
  it('maps each item back with typed errors, whatever extra keys the result carries', () => {
    const items = checkBatchItems(
      'fake',
      {
        success: true,
        items: [
          { index: 1, ok: false, error: new NotFoundError('gone'), extra: 1 },
          { index: 0, ok: true, user: user('7') },
        ],
      },
      ['a@example.com', 'b@example.com'],
    );
    expect(items.map((item) => [item.index, item.userName, item.ok])).toEqual([
      [1, 'b@example.com', false],
      [0, 'a@example.com', true],
    ]);
    expect(items[0]!.ok === false && items[0]!.error.code).toBe('not_found');
  });

  it('gives each item the caller index of its position when indexes are passed', () => {
    const ok = (index: number) => ({ index, ok: true, user: user(String(index + 1)) });
    const items = checkBatchItems('fake', { items: [ok(1), ok(0)] }, ['a', 'b'], [40, 7]);
    expect(items.map((item) => [item.index, item.userName])).toEqual([
      [7, 'b'],
      [40, 'a'],
    ]);
  });

  it.each([
    ['no items array', { items: 'x' }, 'items'],
    ['a negative index', { items: [{ index: -1, ok: true }] }, 'items.0.index'],
    ['a fractional index', { items: [{ index: 0.5, ok: true }] }, 'items.0.index'],
    ['ok that is not a boolean', { items: [{ index: 0, ok: 'yes' }] }, 'items.0.ok'],
    ['a userName that is not text', { items: [{ index: 0, ok: true, userName: 3 }] }, 'items.0.userName'],
  ])('fails %s with provider_error naming the field', (_label, value, field) => {
    try {
      checkBatchItems('fake', value, ['a@example.com']);
      expect.unreachable();
    } catch (error) {
      expect((error as { code?: string }).code).toBe('provider_error');
      expect((error as { details?: { fields?: string[] } }).details?.fields).toContain(field);
    }
  });

  it('fails a result that does not cover each item exactly once', () => {
    const ok = (index: number) => ({ index, ok: true, user: user(String(index + 1)) });
    expect(codeOf(() => checkBatchItems('fake', { items: [ok(0)] }, ['a', 'b']))).toBe('provider_error');
    expect(codeOf(() => checkBatchItems('fake', { items: [ok(0), ok(0)] }, ['a', 'b']))).toBe(
      'provider_error',
    );
    expect(codeOf(() => checkBatchItems('fake', { items: [ok(0), ok(5)] }, ['a', 'b']))).toBe(
      'provider_error',
    );
  });
});
