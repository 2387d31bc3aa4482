import { describe, expect, it } from 'vitest';
import { AuthenticationError, ConflictError, UnavailableError } from '../errors/error-classes.js';
import type { NewUser, User } from '../model/user.js';
import type { ProviderCallOptions } from '../spi/provider-directory.js';
import { DERIVED_CREATE_CONCURRENCY } from './create-users-one-by-one.js';
import { rejection, user } from './fake-directory-test-helpers.js';
import { wrapDirectory } from './wrap-directory.js';

/** A provider with createUser only: core supplies createUsers. */
function createUserOnly(create: (input: NewUser, options: ProviderCallOptions) => Promise<User>) {
  const calls: string[] = [];
  const directory = {
    provider: 'single',
    capabilities: { verbs: ['createUser'], maxPageSize: 10, defaultPageSize: 10, creatableFields: ['email'] },
    createUser: (input: NewUser, options: ProviderCallOptions) => {
      calls.push(input.userName);
      return create(input, options);
    },
  } as const;
  return { wrapped: wrapDirectory(directory as never), calls };
}

const names = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ userName: `u${index}@x.test` }));

describe('createUsers derived from createUser', () => {
  it('declares createUsers with a batch size of one and reports one result per index', async () => {
    const { wrapped } = createUserOnly(async (input) => {
      if (input.userName === 'u1@x.test') throw new ConflictError('taken');
      return user(input.userName, { userName: input.userName });
    });
    expect(wrapped.capabilities.verbs).toContain('createUsers');
    expect(wrapped.capabilities.maxBatchSize).toBe(1);
    const result = await wrapped.createUsers([...names(3), { userName: '' }]);
    expect(result.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual([
      'ok',
      'conflict',
      'ok',
      'invalid_input',
    ]);
    expect({ succeeded: result.succeeded, failed: result.failed }).toEqual({ succeeded: 2, failed: 2 });
  });

  it(`keeps at most ${DERIVED_CREATE_CONCURRENCY} creates in flight`, async () => {
    let inFlight = 0;
    let most = 0;
    const { wrapped } = createUserOnly(async (input) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return user(input.userName);
    });
    expect((await wrapped.createUsers(names(20))).succeeded).toBe(20);
    expect(most).toBe(DERIVED_CREATE_CONCURRENCY);
  });

  it('stops after a failure that is not about the item; throws it when nothing was created', async () => {
    const { wrapped, calls } = createUserOnly(async () => {
      throw new AuthenticationError('token revoked');
    });
    expect((await rejection(wrapped.createUsers(names(12)))).code).toBe('authentication');
    expect(calls.length).toBeLessThanOrEqual(DERIVED_CREATE_CONCURRENCY);
  });

  it('gives the items not yet sent the stopping failure once some were created', async () => {
    const { wrapped } = createUserOnly(async (input) => {
      if (input.userName === 'u0@x.test') return user('1');
      throw new UnavailableError('down');
    });
    const result = await wrapped.createUsers(names(10));
    expect(result.items[0]?.ok).toBe(true);
    expect(result.items.slice(1).every((item) => !item.ok && item.error.code === 'unavailable')).toBe(true);
  });

  it('sends nothing more once aborted: the items not sent fail with cancelled', async () => {
    const controller = new AbortController();
    const { wrapped, calls } = createUserOnly(async (input) => {
      await new Promise((resolve) => setImmediate(resolve));
      controller.abort();
      return user(input.userName);
    });
    const result = await wrapped.createUsers(names(10), { signal: controller.signal });
    expect(calls).toHaveLength(DERIVED_CREATE_CONCURRENCY);
    expect(result.items.filter((item) => item.ok)).toHaveLength(DERIVED_CREATE_CONCURRENCY);
    const rest = result.items.filter((item) => !item.ok);
    expect(rest.map((item) => (item.ok ? '' : item.error.code))).toEqual(Array(6).fill('cancelled'));
  });
});

describe('createUser derived from createUsers', () => {
  it('sends a batch of one and answers with its item', async () => {
    const batches: number[] = [];
    const directory = {
      provider: 'bulk',
      capabilities: { verbs: ['createUsers'], maxBatchSize: 50, maxPageSize: 10, defaultPageSize: 10 },
      createUsers: async (batch: readonly NewUser[]) => {
        batches.push(batch.length);
        const [only] = batch;
        return only!.userName.startsWith('taken')
          ? { items: [{ index: 0, userName: only!.userName, ok: false, error: new ConflictError('taken') }] }
          : {
              items: [
                {
                  index: 0,
                  userName: only!.userName,
                  ok: true,
                  user: user('7', { userName: only!.userName }),
                },
              ],
            };
      },
    };
    const wrapped = wrapDirectory(directory as never);
    expect(wrapped.capabilities.verbs).toEqual(['createUser', 'createUsers']);
    expect((await wrapped.createUser({ userName: 'ada@x.test' })).id).toBe('7');
    expect((await rejection(wrapped.createUser({ userName: 'taken@x.test' }))).code).toBe('conflict');
    expect(batches).toEqual([1, 1]);
  });
});
