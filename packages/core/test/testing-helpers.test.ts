import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, NotFoundError } from '../src/index.js';
import { collectAll, expectIssueAt, expectProvisioningError, findSecretLeaks } from '../src/testing/index.js';

describe('expectProvisioningError', () => {
  it('returns the error when the promise rejects with that code', async () => {
    const error = await expectProvisioningError(Promise.reject(new NotFoundError('gone')), 'not_found');
    expect(error.code).toBe('not_found');
  });

  it('counts a synchronous throw of a function', async () => {
    const thrower = () => {
      throw new ConflictError('taken');
    };
    await expect(expectProvisioningError(thrower, 'conflict')).resolves.toMatchObject({ code: 'conflict' });
  });

  it('fails when nothing is thrown', async () => {
    await expect(expectProvisioningError(Promise.resolve(1), 'not_found')).rejects.toThrow(
      /nothing was thrown/,
    );
  });

  it('fails for a TypeError, which callers must never see', async () => {
    await expect(
      expectProvisioningError(Promise.reject(new TypeError('x')), 'invalid_input'),
    ).rejects.toThrow(/got TypeError/);
  });

  it('fails for another code', async () => {
    await expect(
      expectProvisioningError(Promise.reject(new NotFoundError('x')), 'conflict'),
    ).rejects.toThrow();
  });
});

describe('expectIssueAt', () => {
  const error = new InvalidInputError('bad', [{ path: 'batch.2.email', message: 'invalid email' }]);

  it('accepts the exact path and a parent path', () => {
    expectIssueAt(error, 'batch.2.email');
    expectIssueAt(error, 'batch.2');
  });

  it('rejects a path the issues do not name', () => {
    expect(() => expectIssueAt(error, 'batch.1')).toThrow();
    expect(() => expectIssueAt(error, 'batch.2.e')).toThrow();
  });
});

describe('collectAll', () => {
  it('drains async and sync iterables in order', async () => {
    async function* numbers() {
      yield 1;
      yield 2;
    }
    expect(await collectAll(numbers())).toEqual([1, 2]);
    expect(await collectAll(new Set(['a', 'b']))).toEqual(['a', 'b']);
  });
});

describe('findSecretLeaks', () => {
  const secret = 'sk-live-123456';

  it('finds a secret in the message, details, String() and JSON', () => {
    const inMessage = new NotFoundError(`no user (key ${secret})`);
    expect(findSecretLeaks(inMessage, [secret])).toEqual(
      expect.arrayContaining(['message', 'String(error)', 'JSON.stringify(error)']),
    );
    const inDetails = new NotFoundError('no user', { details: { url: `/users?key=${secret}` } });
    expect(findSecretLeaks(inDetails, [secret])).toEqual(
      expect.arrayContaining(['details', 'JSON.stringify(error)']),
    );
  });

  it('reports nothing for a clean error, for no secrets, and for unserializable values', () => {
    expect(findSecretLeaks(new NotFoundError('no user'), [secret])).toEqual([]);
    expect(findSecretLeaks(new NotFoundError(`x ${secret}`), [])).toEqual([]);
    const circular: Record<string, unknown> = { message: 'loop' };
    circular.self = circular;
    expect(findSecretLeaks(circular, [secret])).toEqual([]);
  });
});
