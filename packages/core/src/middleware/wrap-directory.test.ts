import type { DestinationStream } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  ProviderError,
  RateLimitedError,
  UnavailableError,
} from '../errors/error-classes.js';
import { ProvisioningError } from '../errors/provisioning-error.js';
import { createLogger } from '../logging/create-logger.js';
import type { NewUser, User } from '../model/user.js';
import type { BatchItemResult } from '../spi/batch-result.js';
import type { Capabilities } from '../spi/capabilities.js';
import type { ListUsersOptions } from '../spi/list-options.js';
import { call, collect, fakeDirectory, rejection, user, wrap } from './fake-directory-test-helpers.js';
import type { OperationEvent } from './operation-event.js';
import { wrapDirectory } from './wrap-directory.js';
import { isWrappedDirectory } from './wrapped-directory.js';

const CANARY = 'canary-9f8e7d6c5b4a';
/** Core always hands the provider a signal (the caller's combined with the directory's lifetime). */
const SIGNAL = { signal: expect.any(AbortSignal) };

function paths(error: ProvisioningError): string[] {
  return ((error.details?.issues ?? []) as { path: string }[]).map((issue) => issue.path);
}

function memoryLog() {
  const stream: DestinationStream & { text: string } = {
    text: '',
    write(line: string) {
      stream.text += line;
    },
  };
  const lines = () =>
    stream.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger: createLogger({ destination: stream, secrets: [CANARY] }), stream, lines };
}

describe('wrapDirectory', () => {
  it('is idempotent', () => {
    const wrapped = wrap(fakeDirectory());
    expect(isWrappedDirectory(wrapped)).toBe(true);
    expect(wrapDirectory(wrapped)).toBe(wrapped);
  });

  it('rejects a directory whose capabilities do not parse', () => {
    expect(() =>
      wrap({ ...fakeDirectory(), capabilities: { verbs: [] } as unknown as Capabilities }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  describe('capability check', () => {
    it.each([
      ['getUser', [{ id: '1' }]],
      ['createUser', [{ userName: 'a' }]],
      ['purgeUser', [{ id: '1' }]],
      ['verifyCredentials', []],
    ] as const)('fails %s with unsupported_operation before calling the provider', async (verb, args) => {
      const fake = fakeDirectory({ verbs: ['listUsers'] });
      const error = await rejection(call(wrap(fake), verb, ...args));
      expect(error.code).toBe('unsupported_operation');
      expect(error.provider).toBe('fake');
      expect(fake[verb]).not.toHaveBeenCalled();
    });

    it('checks the verb before validating the input', async () => {
      const error = await rejection(call(wrap(fakeDirectory({ verbs: ['listUsers'] })), 'getUser', 42));
      expect(error.code).toBe('unsupported_operation');
    });

    it('fails listUsers on first iteration when the verb is not declared', async () => {
      const fake = fakeDirectory({ verbs: ['getUser'] });
      expect((await rejection(collect(wrap(fake).listUsers()))).code).toBe('unsupported_operation');
      expect(fake.listUsers).not.toHaveBeenCalled();
    });
  });

  describe('input validation', () => {
    it.each([
      ['getUser', [undefined], 'ref'],
      ['getUser', [null], 'ref'],
      ['suspendUser', [42], 'ref'],
      ['removeUser', [{ id: '' }], 'ref.id'],
      ['createUser', [], 'input'],
      ['createUser', [{ userName: 'a', bogus: 1 }], 'input'],
      ['createUser', [{ userName: 'a', email: 'nope' }], 'input.email'],
      ['updateUser', [undefined, { givenName: 'A' }], 'ref'],
      ['updateUser', [{ id: '1' }, {}], 'patch'],
      ['updateUser', [{ id: '1' }, null], 'patch'],
      ['addToGroups', [{ id: '1' }, []], 'groups'],
      ['addToGroups', [{ id: '1' }, 'eng'], 'groups'],
      ['removeFromGroups', [{ id: '1' }, [42]], 'groups.0'],
      ['createUsers', ['not an array'], 'batch'],
      ['createUsers', [undefined], 'batch'],
    ] as const)(
      '%s(%o) fails with invalid_input on %s without calling the provider',
      async (verb, args, path) => {
        const fake = fakeDirectory();
        const error = await rejection(call(wrap(fake), verb, ...args));
        expect(error.code).toBe('invalid_input');
        expect(error.provider).toBe('fake');
        expect(paths(error)).toContain(path);
        expect(fake[verb]).not.toHaveBeenCalled();
      },
    );

    it.each([
      [{ pageSize: 51 }, 'options.pageSize'],
      [{ pageSize: 0 }, 'options.pageSize'],
      [42, 'options'],
      [{ bogus: true }, 'options'],
    ])('listUsers(%o) fails with invalid_input on %s', async (options, path) => {
      const fake = fakeDirectory();
      const error = await rejection(collect(wrap(fake).listUsers(options as ListUsersOptions)));
      expect(error.code).toBe('invalid_input');
      expect(paths(error)).toContain(path);
      expect(fake.listUsers).not.toHaveBeenCalled();
    });

    it('rejects patch fields the provider cannot update', async () => {
      const fake = fakeDirectory();
      const error = await rejection(wrap(fake).updateUser({ id: '1' }, { email: 'a@example.com' }));
      expect(error.code).toBe('unsupported_operation');
      expect(error.details?.fields).toEqual(['patch.email']);
      expect(fake.updateUser).not.toHaveBeenCalled();
    });

    it('rejects an initial password when the provider does not take one', async () => {
      const fake = fakeDirectory({ acceptsPassword: false });
      const error = await rejection(wrap(fake).createUser({ userName: 'a', password: CANARY }));
      expect(error.code).toBe('unsupported_operation');
      expect(JSON.stringify(error)).not.toContain(CANARY);
    });

    it('rejects groups on create when the provider has no group verbs, before any call', async () => {
      const fake = fakeDirectory({ verbs: ['createUser', 'createUsers', 'getUser'] });
      const error = await rejection(wrap(fake).createUser({ userName: 'a', groups: ['eng'] }));
      expect(error.code).toBe('unsupported_operation');
      expect(error.details).toEqual({ field: 'input.groups', fields: ['input.groups'] });
      const batch = await wrap(fake).createUsers([{ userName: 'b', groups: ['eng'] }, { userName: 'c' }]);
      expect(batch.items.map((item) => item.ok)).toEqual([false, true]);
      expect(fake.createUser).not.toHaveBeenCalled();
      expect(fake.createUsers).toHaveBeenCalledWith([expect.objectContaining({ userName: 'c' })], SIGNAL);
    });

    it('passes the parsed input to the provider', async () => {
      const fake = fakeDirectory();
      await wrap(fake).addToGroups({ userName: ' a@example.com ' }, [' eng ']);
      expect(fake.addToGroups).toHaveBeenCalledWith({ userName: 'a@example.com' }, ['eng'], SIGNAL);
    });
  });

  describe('output validation', () => {
    it('fails with provider_error when a returned user does not parse, without dumping it', async () => {
      const fake = fakeDirectory();
      fake.getUser.mockResolvedValueOnce({ id: 1, userName: CANARY });
      const error = await rejection(wrap(fake).getUser({ id: '1' }));
      expect(error.code).toBe('provider_error');
      expect(JSON.stringify(error)).not.toContain(CANARY);
    });

    it('validates groups and returns only the unified shape', async () => {
      const fake = fakeDirectory();
      fake.listGroups.mockResolvedValueOnce([{ id: 'g' }]);
      expect((await rejection(wrap(fake).listGroups())).code).toBe('provider_error');
      fake.getUser.mockResolvedValueOnce({ ...user('1'), providerPayload: { secret: 1 } });
      expect(await wrap(fake).getUser({ id: '1' })).not.toHaveProperty('providerPayload');
    });

    it('validates listed users lazily, as the stream is consumed', async () => {
      const fake = fakeDirectory({}, [user('1'), { id: '2' } as User]);
      const iterator = wrap(fake).listUsers()[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toEqual(user('1'));
      expect((await rejection(iterator.next())).code).toBe('provider_error');
    });

    it('resolves void verbs with undefined whatever the provider returned', async () => {
      await expect(wrap(fakeDirectory()).removeUser({ id: '1' })).resolves.toBeUndefined();
    });
  });

  describe('errors', () => {
    it('turns a foreign exception into provider_error keeping it as cause', async () => {
      const fake = fakeDirectory();
      const cause = new TypeError(`cannot read ${CANARY}`);
      fake.getUser.mockRejectedValueOnce(cause);
      const error = await rejection(wrap(fake).getUser({ id: '1' }));
      expect(error.code).toBe('provider_error');
      expect(error.cause).toBe(cause);
      expect(JSON.stringify(error)).not.toContain(CANARY);
    });

    it('keeps provisioning errors typed and names the provider', async () => {
      const fake = fakeDirectory();
      fake.getUser.mockRejectedValueOnce(new NotFoundError('no such user'));
      const error = await rejection(wrap(fake).getUser({ id: '1' }));
      expect(error.code).toBe('not_found');
      expect(error.provider).toBe('fake');
    });

    it('scrubs connection secrets and the call input password from errors', async () => {
      const password = 'initial-pw-1a2b3c';
      const fake = fakeDirectory();
      fake.createUser.mockRejectedValueOnce(new ConflictError(`taken (${password}, ${CANARY})`));
      const error = await rejection(
        wrap(fake, { secrets: [CANARY] }).createUser({ userName: 'a', password }),
      );
      expect(error.code).toBe('conflict');
      expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toMatch(
        /initial-pw-1a2b3c|canary/,
      );
    });
  });

  describe('.createUsers', () => {
    it('splits a batch larger than maxBatchSize and keeps the caller indexes', async () => {
      const fake = fakeDirectory({ maxBatchSize: 2 });
      const batch = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ userName: `${name}@example.com` }));
      const result = await wrap(fake).createUsers(batch);
      expect(fake.createUsers.mock.calls.map(([chunk]) => chunk.length)).toEqual([2, 2, 1]);
      expect(result.items.map((item) => [item.index, item.userName])).toEqual(
        batch.map((item, index) => [index, item.userName]),
      );
      expect(result.items.map((item) => item.ok && item.user.userName)).toEqual(
        batch.map((item) => item.userName),
      );
      expect(result.succeeded).toBe(5);
    });

    it('fails invalid items alone and still sends the valid ones', async () => {
      const fake = fakeDirectory({ maxBatchSize: 10 });
      const batch = [{ userName: 'a' }, { userName: 'b', bogus: true }, null, { userName: 'd' }];
      const result = await wrap(fake).createUsers(batch as NewUser[]);
      expect(fake.createUsers).toHaveBeenCalledWith([{ userName: 'a' }, { userName: 'd' }], SIGNAL);
      const failed = result.items.filter((item): item is Extract<BatchItemResult, { ok: false }> => !item.ok);
      expect(failed.map((item) => [item.index, item.error.code, item.error.provider])).toEqual([
        [1, 'invalid_input', 'fake'],
        [2, 'invalid_input', 'fake'],
      ]);
      expect(paths(failed[0]!.error)).toContain('batch.1');
      expect(result).toMatchObject({ succeeded: 2, failed: 2 });
    });

    it('throws when the first chunk fails as a whole', async () => {
      const fake = fakeDirectory();
      fake.createUsers.mockRejectedValueOnce(new AuthenticationError('bad key'));
      expect((await rejection(wrap(fake).createUsers([{ userName: 'a' }]))).code).toBe('authentication');
    });

    it('reports the failure of a later chunk on its items and the unsent ones', async () => {
      const fake = fakeDirectory({ maxBatchSize: 1 });
      fake.createUsers.mockImplementationOnce(async (batch) => ({
        items: [{ index: 0, userName: batch[0]!.userName, ok: true, user: user('1') }],
      }));
      fake.createUsers.mockRejectedValueOnce(new RateLimitedError('slow down'));
      const result = await wrap(fake).createUsers([{ userName: 'a' }, { userName: 'b' }, { userName: 'c' }]);
      expect(fake.createUsers).toHaveBeenCalledTimes(2);
      expect(result.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual([
        'ok',
        'rate_limited',
        'rate_limited',
      ]);
    });

    it.each([
      ['a missing index', { items: [{ index: 0, userName: 'a', ok: true, user: user('1') }] }],
      [
        'a duplicated index',
        {
          items: [
            { index: 0, userName: 'a', ok: true, user: user('1') },
            { index: 0, userName: 'a', ok: true, user: user('1') },
          ],
        },
      ],
      ['a malformed result', { count: 2 }],
    ])('fails with provider_error on %s', async (_case, answer) => {
      const fake = fakeDirectory();
      fake.createUsers.mockResolvedValueOnce(answer);
      expect((await rejection(wrap(fake).createUsers([{ userName: 'a' }, { userName: 'b' }]))).code).toBe(
        'provider_error',
      );
    });

    it('gives a sparse batch one result per index: each hole is an invalid_input item', async () => {
      const fake = fakeDirectory({ maxBatchSize: 2 });
      const batch: NewUser[] = [];
      batch[1] = { userName: 'a@example.com' };
      batch[3] = { userName: 'b@example.com' };
      batch.length = 5;
      const result = await wrap(fake).createUsers(batch);
      expect(result.items.map((item) => item.index)).toEqual([0, 1, 2, 3, 4]);
      expect(result.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual([
        'invalid_input',
        'ok',
        'invalid_input',
        'ok',
        'invalid_input',
      ]);
      const hole = result.items[2]!;
      expect(hole.ok ? [] : paths(hole.error)).toEqual(['batch.2']);
      expect({ succeeded: result.succeeded, failed: result.failed }).toEqual({ succeeded: 2, failed: 3 });
      expect(fake.createUsers).toHaveBeenCalledTimes(1);
    });

    it('types and scrubs item errors', async () => {
      const fake = fakeDirectory();
      fake.createUsers.mockResolvedValueOnce({
        items: [{ index: 0, userName: 'a', ok: false, error: new Error(`raw ${CANARY}`) }],
      });
      const result = await wrap(fake, { secrets: [CANARY] }).createUsers([{ userName: 'a' }]);
      const item = result.items[0]!;
      expect(item.ok ? undefined : item.error.code).toBe('provider_error');
      expect(JSON.stringify(result)).not.toContain(CANARY);
    });
  });

  describe('.listUsers', () => {
    const users = [
      user('1'),
      user('2', { status: 'suspended', groups: ['eng'] }),
      user('3', { groups: ['eng'] }),
    ];

    it('does not call the provider before iteration', () => {
      const fake = fakeDirectory();
      wrap(fake).listUsers();
      expect(fake.listUsers).not.toHaveBeenCalled();
    });

    it('emulates status and group filters the provider does not declare', async () => {
      const fake = fakeDirectory({ listFilters: [] }, users);
      const listed = await collect(
        wrap(fake).listUsers({ status: ['suspended', 'invited'], group: 'eng', pageSize: 5 }),
      );
      expect(listed.map((item) => item.id)).toEqual(['2']);
      expect(fake.listUsers).toHaveBeenCalledWith({ pageSize: 5, ...SIGNAL });
    });

    it('delegates the filters the provider declares', async () => {
      const fake = fakeDirectory({ listFilters: ['status', 'group'] }, users);
      const listed = await collect(wrap(fake).listUsers({ status: 'active', group: 'eng' }));
      // The provider always gets a page size: here the declared default.
      const pageSize = fake.capabilities.defaultPageSize;
      expect(fake.listUsers).toHaveBeenCalledWith({ status: 'active', group: 'eng', pageSize, ...SIGNAL });
      expect(listed).toHaveLength(3);
    });
  });

  describe('.listUsersChangedSince', () => {
    const since = '2024-05-11T15:02:26Z';

    it('passes since, a page size (the declared default when none is given) and the signal', async () => {
      const fake = fakeDirectory();
      const listed = await collect(wrap(fake).listUsersChangedSince!({ since }));
      const pageSize = fake.capabilities.defaultPageSize;
      expect(fake.listUsersChangedSince).toHaveBeenCalledWith({ since, pageSize, ...SIGNAL });
      expect(listed.map((item) => item.id)).toEqual(['1', '2']);
      await collect(wrap(fake).listUsersChangedSince!({ since, pageSize: 3 }));
      expect(fake.listUsersChangedSince).toHaveBeenLastCalledWith({ since, pageSize: 3, ...SIGNAL });
    });

    it('refuses it, undeclared, with unsupported_operation although the directory has the method', async () => {
      const fake = fakeDirectory({ verbs: ['listUsers', 'getUser'] });
      const error = await rejection(collect(wrap(fake).listUsersChangedSince!({ since })));
      expect(error.code).toBe('unsupported_operation');
      expect(fake.listUsersChangedSince).not.toHaveBeenCalled();
    });

    it('refuses a directory that declares it without the method, naming it', () => {
      const { listUsersChangedSince: _missing, ...fake } = fakeDirectory();
      let thrown: unknown;
      try {
        wrapDirectory(fake as unknown as Parameters<typeof wrapDirectory>[0]);
      } catch (error) {
        thrown = error;
      }
      expect(ProvisioningError.is(thrown) && thrown.code).toBe('invalid_input');
      expect(paths(thrown as ProvisioningError)).toEqual(['directory.listUsersChangedSince']);
    });

    it('refuses a declaration of it without listUsers, naming the verbs', () => {
      const fake = fakeDirectory({ verbs: ['getUser', 'listUsersChangedSince'] });
      let thrown: unknown;
      try {
        wrap(fake);
      } catch (error) {
        thrown = error;
      }
      expect(ProvisioningError.is(thrown) && thrown.code).toBe('invalid_input');
      expect(paths(thrown as ProvisioningError)).toEqual(['directory.capabilities.verbs']);
    });
  });

  describe('.verifyCredentials', () => {
    it.each([
      ['AuthenticationError', new AuthenticationError('bad'), 'invalid'],
      ['PermissionDeniedError', new PermissionDeniedError('no'), 'insufficient_permissions'],
      ['UnavailableError', new UnavailableError('down'), 'unreachable'],
      ['RateLimitedError', new RateLimitedError('slow'), 'unreachable'],
      ['ProviderError', new ProviderError('odd'), 'unreachable'],
      ['TypeError', new TypeError('boom'), 'unreachable'],
    ])('reports a thrown %s as %s instead of throwing', async (_name, thrown, status) => {
      const fake = fakeDirectory();
      fake.verifyCredentials.mockRejectedValueOnce(thrown);
      const check = await wrap(fake).verifyCredentials();
      expect(check.status).toBe(status);
      expect(Number.isNaN(Date.parse(check.checkedAt))).toBe(false);
    });

    it('scrubs the reported message and reports a malformed answer as unreachable', async () => {
      const fake = fakeDirectory();
      fake.verifyCredentials.mockRejectedValueOnce(new AuthenticationError(`key ${CANARY} refused`));
      expect(JSON.stringify(await wrap(fake, { secrets: [CANARY] }).verifyCredentials())).not.toContain(
        CANARY,
      );
      fake.verifyCredentials.mockResolvedValueOnce({ status: 'fine' });
      expect((await wrap(fake).verifyCredentials()).status).toBe('unreachable');
    });
  });

  describe('logging and events', () => {
    it('writes one line per operation without input users, passwords or secrets', async () => {
      const log = memoryLog();
      const fake = fakeDirectory();
      fake.createUser.mockRejectedValueOnce(new ConflictError(`taken ${CANARY}`));
      const directory = wrap(fake, { logger: log.logger, secrets: [CANARY] });
      await directory.getUser({ id: '1' });
      await rejection(directory.createUser({ userName: 'new@example.com', password: 'initial-pw-1a2b3c' }));
      const [ok, failed] = log.lines();
      expect(log.lines()).toHaveLength(2);
      expect(ok).toMatchObject({
        level: 30,
        operation: 'getUser',
        provider: 'fake',
        outcome: 'ok',
        ref: { id: '1' },
      });
      expect(typeof ok?.durationMs).toBe('number');
      expect(failed).toMatchObject({
        level: 40,
        operation: 'createUser',
        outcome: 'error',
        errorCode: 'conflict',
      });
      expect(log.stream.text).not.toMatch(/initial-pw|new@example\.com|canary/);
    });

    it('logs a listing once, with its count, when the stream ends or the caller stops', async () => {
      const log = memoryLog();
      const directory = wrap(fakeDirectory({}, [user('1'), user('2'), user('3')]), { logger: log.logger });
      await collect(directory.listUsers());
      for await (const _listed of directory.listUsers()) break;
      expect(log.lines().map((line) => [line.operation, line.outcome, line.itemCount])).toEqual([
        ['listUsers', 'ok', 3],
        ['listUsers', 'ok', 1],
      ]);
    });

    it('reports each operation to onOperation, and ignores a throwing observer', async () => {
      const events: OperationEvent[] = [];
      const fake = fakeDirectory();
      fake.purgeUser.mockRejectedValueOnce(new NotFoundError('gone'));
      const directory = wrap(fake, {
        onOperation: (event) => {
          events.push(event);
          throw new Error('observer bug');
        },
      });
      await directory.createUsers([{ userName: 'a' }, { userName: 'b' }, { userName: 'c' }]);
      await rejection(directory.purgeUser({ id: '1' }));
      expect(events).toEqual([
        expect.objectContaining({ provider: 'fake', operation: 'createUsers', outcome: 'ok', itemCount: 3 }),
        expect.objectContaining({ operation: 'purgeUser', outcome: 'error', errorCode: 'not_found' }),
      ]);
    });
  });
});
