import { ERROR_CODES, type ErrorCode, RateLimitedError, UnavailableError } from '@provisionkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collect, directory, seedUsers } from '../../test/helpers.js';
import { MockFaults } from './mock-faults.js';

const ADA = { userName: 'ada' };

/** Resolves to whether `promise` has settled, without waiting for it. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  // A few microtask turns let an undelayed call finish; a delayed one needs its timer.
  for (let turn = 0; turn < 20; turn += 1) await Promise.resolve();
  return done;
}

describe(MockFaults, () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('.failNext', () => {
    it('fails the next N calls with the error class of the code, then lets calls through', async () => {
      const mock = directory({ seed: [ADA] });
      mock.faults.failNext(2, 'unavailable');
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const error = await mock.getUser(ADA).catch((caught: unknown) => caught);
        expect(UnavailableError.is(error)).toBe(true);
        expect(error).toMatchObject({ code: 'unavailable', provider: 'mock', retryable: true });
      }
      expect((await mock.getUser(ADA)).userName).toBe('ada');
      expect(mock.faults.pending).toBe(0);
    });

    it.each(ERROR_CODES)('raises %s with that code', async (code) => {
      const mock = directory({ seed: [ADA] });
      mock.faults.failNext(1, code);
      await expect(mock.getUser(ADA)).rejects.toMatchObject({ code, details: { injected: true } });
    });

    it('only matches the listed verbs', async () => {
      const mock = directory({ seed: [ADA] });
      mock.faults.failNext(1, 'conflict', { verbs: ['updateUser'], message: 'scripted' });
      expect((await mock.getUser(ADA)).id).toBe('u-000001');
      await expect(mock.updateUser(ADA, { isAdmin: true })).rejects.toMatchObject({
        code: 'conflict',
        message: 'scripted',
      });
    });

    it('carries retryAfterMs on a rate_limited error', async () => {
      const mock = directory();
      mock.faults.failNext(1, 'rate_limited', { retryAfterMs: 1500 });
      const error = await mock.listGroups().catch((caught: unknown) => caught);
      expect(RateLimitedError.is(error) && error.retryAfterMs).toBe(1500);
    });

    it('fires before any state change, so a retry neither loses nor duplicates a write', async () => {
      const mock = directory({ seed: [ADA] });
      mock.faults.failNext(1, 'unavailable', { verbs: ['createUser'] });
      mock.faults.failNext(1, 'unavailable', { verbs: ['createUsers'] });
      mock.faults.failNext(1, 'unavailable', { verbs: ['updateUser', 'removeUser'] });
      await expect(mock.createUser({ userName: 'bob' })).rejects.toMatchObject({ code: 'unavailable' });
      await expect(mock.createUsers([{ userName: 'cy' }])).rejects.toMatchObject({ code: 'unavailable' });
      await expect(mock.removeUser(ADA)).rejects.toMatchObject({ code: 'unavailable' });
      expect(mock.peekUsers().map((user) => user.userName)).toEqual(['ada']);
      expect((await mock.createUser({ userName: 'bob' })).id).toBe('u-000002');
      expect(mock.peekUsers().map((user) => user.userName)).toEqual(['ada', 'bob']);
    });

    it('fails the first page of listUsers when no page is named', async () => {
      const mock = directory({ seed: seedUsers(3) });
      mock.faults.failNext(1, 'unavailable', { verbs: ['listUsers'] });
      await expect(collect(mock.listUsers())).rejects.toMatchObject({ code: 'unavailable' });
      expect(mock.stats.pagesServed).toBe(0);
      expect(await collect(mock.listUsers())).toHaveLength(3);
    });

    it('fails a chosen page, after earlier pages were yielded (an incomplete enumeration)', async () => {
      const mock = directory({ seed: seedUsers(5) });
      mock.faults.failNext(1, 'unavailable', { verbs: ['listUsers'], onPage: 2 });
      const seen: string[] = [];
      const run = async (): Promise<void> => {
        for await (const user of mock.listUsers({ pageSize: 2 })) seen.push(user.id);
      };
      await expect(run()).rejects.toMatchObject({ code: 'unavailable' });
      expect(seen).toEqual(['u-000001', 'u-000002']);
      expect(await collect(mock.listUsers({ pageSize: 2 }))).toHaveLength(5);
    });

    it('rejects bad arguments with invalid_input and registers nothing', () => {
      const { faults } = directory();
      expect(() => faults.failNext(0, 'unavailable')).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
      expect(() => faults.failNext(1, 'nope' as ErrorCode)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
      expect(() => faults.failNext(1, 'unavailable', { verbs: ['getUser'], onPage: 2 })).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
      expect(faults.pending).toBe(0);
    });
  });

  describe('.rateLimitNext', () => {
    it('fails the next calls with rate_limited and the given wait', async () => {
      const mock = directory({ seed: [ADA] });
      mock.faults.rateLimitNext(1, 250, { verbs: ['getUser'] });
      await expect(mock.getUser(ADA)).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 250 });
      expect((await mock.getUser(ADA)).id).toBe('u-000001');
    });
  });

  describe('.addLatency', () => {
    it('delays matching calls until the latency has passed', async () => {
      vi.useFakeTimers();
      const mock = directory({ seed: [ADA] });
      mock.faults.addLatency(500, { verbs: ['getUser'] });
      const delayed = mock.getUser(ADA);
      expect(await settled(delayed)).toBe(false);
      expect(await settled(mock.listGroups())).toBe(true);
      await vi.advanceTimersByTimeAsync(499);
      expect(await settled(delayed)).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await delayed).id).toBe('u-000001');
    });

    it('ends the delay of an aborted enumeration at once, with cancelled', async () => {
      vi.useFakeTimers();
      const mock = directory({ seed: seedUsers(2) });
      mock.faults.addLatency(10_000);
      const controller = new AbortController();
      const result = collect(mock.listUsers({ signal: controller.signal }));
      controller.abort();
      await expect(result).rejects.toMatchObject({ code: 'cancelled' });
      expect(mock.stats.pagesServed).toBe(0);
    });

    it('ends the delay of an aborted write at once, with cancelled, and writes nothing', async () => {
      vi.useFakeTimers();
      const mock = directory();
      mock.faults.addLatency(10_000);
      const controller = new AbortController();
      const pending = mock.createUser({ userName: 'late@example.com' }, { signal: controller.signal });
      controller.abort();
      await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
      expect(mock.peekUsers()).toEqual([]);
    });
  });

  describe('.failBatchItems', () => {
    it('fails the named items (case-insensitively) and creates the rest', async () => {
      const mock = directory();
      mock.faults.failBatchItems(['B'], 'rate_limited', { retryAfterMs: 100 });
      const result = await mock.createUsers([{ userName: 'a' }, { userName: 'b' }, { userName: 'c' }]);
      expect(result).toMatchObject({ succeeded: 2, failed: 1 });
      expect(result.items[1]).toMatchObject({
        ok: false,
        error: { code: 'rate_limited', retryAfterMs: 100 },
      });
      expect(mock.peekUsers().map((user) => user.userName)).toEqual(['a', 'c']);
    });

    it('selects items with a predicate and stops after `times` failures', async () => {
      const mock = directory();
      mock.faults.failBatchItems((_item, index) => index % 2 === 0, 'unavailable', { times: 1 });
      const first = await mock.createUsers([{ userName: 'a' }, { userName: 'b' }, { userName: 'c' }]);
      expect(first.items.map((item) => item.ok)).toEqual([false, true, true]);
      const retry = await mock.createUsers([{ userName: 'a' }]);
      expect(retry.succeeded).toBe(1);
    });
  });

  describe.each([
    ['rejectCredentials', 'invalid', 'authentication'],
    ['expireCredentials', 'expired', 'authentication'],
    ['revokePermissions', 'insufficient_permissions', 'permission_denied'],
    ['unreachable', 'unreachable', 'unavailable'],
  ] as const)('.%s', (method, status, code) => {
    it(`makes verifyCredentials report ${status} and every other verb fail with ${code}`, async () => {
      const mock = directory({ seed: [ADA], apiKey: 'super-secret-key' });
      mock.faults[method]();
      expect(mock.faults.credentials).toBe(status);
      expect((await mock.verifyCredentials()).status).toBe(status);
      const failures = await Promise.all([
        mock.getUser(ADA).catch((error: unknown) => error),
        collect(mock.listUsers()).catch((error: unknown) => error),
        mock.createUsers([{ userName: 'bob' }]).catch((error: unknown) => error),
        mock.purgeUser(ADA).catch((error: unknown) => error),
      ]);
      for (const error of failures) {
        expect(error).toMatchObject({ code, provider: 'mock' });
        expect(JSON.stringify(error)).not.toContain('super-secret-key');
      }
      expect(mock.peekUsers().map((user) => user.userName)).toEqual(['ada']);
    });
  });

  describe('.restoreCredentials', () => {
    it('ends a credential fault and keeps other rules', async () => {
      const mock = directory({ seed: [ADA] });
      mock.faults
        .expireCredentials()
        .failNext(1, 'conflict', { verbs: ['getUser'] })
        .restoreCredentials();
      expect((await mock.verifyCredentials()).status).toBe('valid');
      await expect(mock.getUser(ADA)).rejects.toMatchObject({ code: 'conflict' });
    });
  });

  describe('verifyCredentials with failNext', () => {
    it('reports credential-shaped failures as a status and throws the others', async () => {
      const mock = directory();
      mock.faults
        .failNext(1, 'permission_denied', { verbs: ['verifyCredentials'] })
        .failNext(1, 'unavailable', { verbs: ['verifyCredentials'] })
        .failNext(1, 'rate_limited', { verbs: ['verifyCredentials'] });
      expect((await mock.verifyCredentials()).status).toBe('insufficient_permissions');
      expect((await mock.verifyCredentials()).status).toBe('unreachable');
      await expect(mock.verifyCredentials()).rejects.toMatchObject({ code: 'rate_limited' });
      expect((await mock.verifyCredentials()).status).toBe('valid');
    });
  });

  describe('.reset', () => {
    it('removes every rule and restores credentials, keeping users', async () => {
      const mock = directory({ seed: [ADA] });
      mock.faults
        .failNext(3, 'unavailable')
        .addLatency(60_000)
        .failBatchItems(['bob'], 'conflict')
        .revokePermissions()
        .reset();
      expect(mock.faults.pending).toBe(0);
      expect((await mock.verifyCredentials()).status).toBe('valid');
      expect((await mock.createUsers([{ userName: 'bob' }])).succeeded).toBe(1);
      expect(mock.peekUsers()).toHaveLength(2);
    });
  });
});
