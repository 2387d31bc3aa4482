import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { UnavailableError } from '../errors/error-classes.js';
import type { NewUser } from '../model/user.js';
import type { UserDirectory } from '../spi/user-directory.js';
import { Verb } from '../spi/verbs.js';
import {
  call,
  collect,
  type Fake,
  fakeDirectory,
  rejection,
  user,
  wrap,
} from './fake-directory-test-helpers.js';

/** Well-formed arguments for `verb`, followed by `options`. */
function argsFor(verb: Verb, options: unknown): unknown[] {
  const ref = { id: '1' };
  switch (verb) {
    case 'listUsers':
      return [options];
    case 'listUsersChangedSince':
      return [{ since: '2024-01-01T00:00:00Z', ...(options as object | undefined) }];
    case 'listGroups':
    case 'verifyCredentials':
      return [options];
    case 'createUser':
      return [{ userName: 'a@example.com' }, options];
    case 'createUsers':
      return [[{ userName: 'a@example.com' }], options];
    case 'updateUser':
      return [ref, { givenName: 'B' }, options];
    case 'addToGroups':
    case 'removeFromGroups':
      return [ref, ['eng'], options];
    default:
      return [ref, options];
  }
}

function invoke(directory: UserDirectory, verb: Verb, options: unknown): Promise<unknown> {
  if (verb === 'listUsers') return collect(directory.listUsers(options as never));
  if (verb === 'listUsersChangedSince') {
    return collect(directory.listUsersChangedSince!(argsFor(verb, options)[0] as never));
  }
  return call(directory, verb, ...argsFor(verb, options));
}

/** The signal the provider received on its last call of `verb`. */
function providerSignal(fake: Fake, verb: Verb): AbortSignal {
  const calls = fake[verb].mock.calls as unknown[][];
  const last = calls.at(-1) ?? [];
  const options = last.at(-1) as { signal?: AbortSignal } | undefined;
  if (options?.signal === undefined) throw new Error(`${verb} received no signal`);
  return options.signal;
}

/** A promise the test settles by hand, to hold a provider call in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('wrapDirectory', () => {
  describe('cancellation', () => {
    it.each(Verb.options.map((verb) => [verb]))(
      '%s with an already aborted signal fails cancelled before calling the provider',
      async (verb) => {
        const fake = fakeDirectory();
        const error = await rejection(invoke(wrap(fake), verb, { signal: AbortSignal.abort() }));
        expect(error.code).toBe('cancelled');
        expect(error.details?.reason).toBe('aborted');
        expect(error.retryable).toBe(false);
        expect(fake[verb]).not.toHaveBeenCalled();
      },
    );

    it.each(Verb.options.map((verb) => [verb]))('%s always hands the provider a signal', async (verb) => {
      const fake = fakeDirectory();
      await invoke(wrap(fake), verb, undefined);
      expect(providerSignal(fake, verb)).toBeInstanceOf(AbortSignal);
    });

    it('rejects options that are not { signal?: AbortSignal } with invalid_input', async () => {
      const fake = fakeDirectory();
      for (const options of [{ signal: 'stop' }, { timeout: 5 }, 42]) {
        const error = await rejection(call(wrap(fake), 'getUser', { id: '1' }, options));
        expect(error.code).toBe('invalid_input');
      }
      expect(fake.getUser).not.toHaveBeenCalled();
    });

    it("aborts the provider's signal when the caller's aborts", async () => {
      const fake = fakeDirectory();
      const held = deferred<unknown>();
      fake.getUser.mockImplementation(() => held.promise);
      const controller = new AbortController();
      const pending = wrap(fake).getUser({ id: '1' }, { signal: controller.signal });
      await vi.waitFor(() => expect(fake.getUser).toHaveBeenCalled());
      const signal = providerSignal(fake, 'getUser');
      expect(signal.aborted).toBe(false);
      controller.abort();
      expect(signal.aborted).toBe(true);
      held.reject(new DOMException('The operation was aborted', 'AbortError'));
      const error = await rejection(pending);
      expect(error.code).toBe('cancelled');
      expect(error.cause).toBeInstanceOf(DOMException);
    });

    it('reports any failure after the abort as cancelled, whatever the provider made of it', async () => {
      const fake = fakeDirectory();
      const held = deferred<unknown>();
      fake.suspendUser.mockImplementation(() => held.promise);
      const controller = new AbortController();
      const pending = wrap(fake).suspendUser({ id: '1' }, { signal: controller.signal });
      await vi.waitFor(() => expect(fake.suspendUser).toHaveBeenCalled());
      controller.abort();
      held.reject(new UnavailableError('socket closed', { provider: 'fake' }));
      expect((await rejection(pending)).code).toBe('cancelled');
    });

    it('returns what the provider established when it finished despite the abort', async () => {
      const fake = fakeDirectory();
      const held = deferred<unknown>();
      fake.createUser.mockImplementation(() => held.promise);
      const controller = new AbortController();
      const pending = wrap(fake).createUser({ userName: 'a' }, { signal: controller.signal });
      await vi.waitFor(() => expect(fake.createUser).toHaveBeenCalled());
      controller.abort();
      held.resolve(user('9', { userName: 'a' }));
      expect((await pending).id).toBe('9');
    });

    it('throws cancelled from verifyCredentials instead of reporting a health status', async () => {
      const fake = fakeDirectory();
      const controller = new AbortController();
      fake.verifyCredentials.mockImplementation(async () => {
        controller.abort();
        throw new UnavailableError('aborted');
      });
      const error = await rejection(wrap(fake).verifyCredentials({ signal: controller.signal }));
      expect(error.code).toBe('cancelled');
    });

    it('detaches from the lifetime signal once each operation ends', async () => {
      const lifetime = new AbortController();
      const directory = wrap(fakeDirectory(), { signal: lifetime.signal });
      for (let round = 0; round < 5; round += 1) await directory.getUser({ id: '1' });
      await collect(directory.listUsers());
      expect(getEventListeners(lifetime.signal, 'abort')).toHaveLength(0);
    });
  });

  describe('lifetime signal', () => {
    it('ends an operation in flight with cancelled (connection_closed) and aborts the provider signal', async () => {
      const fake = fakeDirectory();
      const held = deferred<unknown>();
      fake.getUser.mockImplementation(() => held.promise);
      const lifetime = new AbortController();
      const pending = wrap(fake, { signal: lifetime.signal }).getUser({ id: '1' });
      await vi.waitFor(() => expect(fake.getUser).toHaveBeenCalled());
      lifetime.abort();
      expect(providerSignal(fake, 'getUser').aborted).toBe(true);
      held.reject(new Error('aborted'));
      const error = await rejection(pending);
      expect(error.code).toBe('cancelled');
      expect(error.details?.reason).toBe('connection_closed');
    });

    it('refuses new calls with unavailable once it aborted', async () => {
      const fake = fakeDirectory();
      const lifetime = new AbortController();
      const directory = wrap(fake, { signal: lifetime.signal });
      lifetime.abort();
      expect((await rejection(directory.getUser({ id: '1' }))).code).toBe('unavailable');
      expect((await rejection(collect(directory.listUsers()))).code).toBe('unavailable');
      expect(fake.getUser).not.toHaveBeenCalled();
    });

    it('gives an already wrapped directory a view that ends with the signal', async () => {
      const fake = fakeDirectory();
      const wrapped = wrap(fake);
      const lifetime = new AbortController();
      const view = wrap(wrapped as unknown as Fake, { signal: lifetime.signal });
      expect(view).not.toBe(wrapped);
      lifetime.abort();
      expect((await rejection(view.getUser({ id: '1' }))).code).toBe('unavailable');
      expect((await wrapped.getUser({ id: '1' })).id).toBe('1');
    });
  });

  describe('.listUsers cancellation', () => {
    it('throws cancelled from the pending next() while the page is still in flight', async () => {
      const fake = fakeDirectory();
      const held = deferred<IteratorResult<unknown>>();
      fake.listUsers.mockImplementation(
        () => ({ [Symbol.asyncIterator]: () => ({ next: () => held.promise }) }) as never,
      );
      const controller = new AbortController();
      const iterator = wrap(fake).listUsers({ signal: controller.signal })[Symbol.asyncIterator]();
      const pending = iterator.next();
      await vi.waitFor(() => expect(fake.listUsers).toHaveBeenCalled());
      controller.abort();
      // The provider never answers: the caller still gets control back.
      expect((await rejection(pending)).code).toBe('cancelled');
    });

    it('throws cancelled when the provider ends quietly after the abort', async () => {
      const fake = fakeDirectory();
      const controller = new AbortController();
      fake.listUsers.mockImplementation(async function* (options) {
        yield user('1');
        if (options?.signal?.aborted === true) return;
        yield user('2');
      });
      const seen: string[] = [];
      const listing = (async () => {
        for await (const listed of wrap(fake).listUsers({ signal: controller.signal })) {
          seen.push(listed.id);
          controller.abort();
        }
      })();
      expect((await rejection(listing)).code).toBe('cancelled');
      expect(seen).toEqual(['1']);
    });

    it('throws cancelled between pages without asking the provider for more', async () => {
      const fake = fakeDirectory({}, [user('1'), user('2'), user('3')]);
      const controller = new AbortController();
      const iterator = wrap(fake).listUsers({ signal: controller.signal })[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toMatchObject({ id: '1' });
      controller.abort();
      expect((await rejection(iterator.next())).code).toBe('cancelled');
      // A finished (failed) listing stays finished.
      expect(await iterator.next()).toEqual({ done: true, value: undefined });
    });

    it('throws cancelled (connection_closed) when the lifetime aborts during the listing', async () => {
      const fake = fakeDirectory({}, [user('1'), user('2')]);
      const lifetime = new AbortController();
      const iterator = wrap(fake, { signal: lifetime.signal }).listUsers()[Symbol.asyncIterator]();
      await iterator.next();
      lifetime.abort();
      const error = await rejection(iterator.next());
      expect(error.code).toBe('cancelled');
      expect(error.details?.reason).toBe('connection_closed');
    });

    it('ends normally, and closes the provider stream, when the caller breaks out', async () => {
      const fake = fakeDirectory({}, [user('1'), user('2')]);
      let closed = false;
      fake.listUsers.mockImplementation(async function* () {
        try {
          yield user('1');
          yield user('2');
        } finally {
          closed = true;
        }
      });
      const events: string[] = [];
      const directory = wrap(fake, { onOperation: (event) => events.push(event.outcome) });
      for await (const _listed of directory.listUsers({ signal: new AbortController().signal })) break;
      expect(closed).toBe(true);
      expect(events).toEqual(['ok']);
    });
  });

  describe('.listUsersChangedSince cancellation', () => {
    const since = '2024-01-01T00:00:00Z';

    it('throws cancelled between pages without asking the provider for more', async () => {
      const fake = fakeDirectory({}, [user('1'), user('2'), user('3')]);
      const controller = new AbortController();
      const iterator = wrap(fake).listUsersChangedSince!({ since, signal: controller.signal })[
        Symbol.asyncIterator
      ]();
      expect((await iterator.next()).value).toMatchObject({ id: '1' });
      controller.abort();
      const error = await rejection(iterator.next());
      expect(error.code).toBe('cancelled');
      expect(error.details?.operation).toBe('listUsersChangedSince');
    });

    it('throws cancelled when the provider ends quietly after the abort', async () => {
      const fake = fakeDirectory();
      const controller = new AbortController();
      fake.listUsersChangedSince.mockImplementation(async function* (options) {
        yield user('1');
        if (options.signal?.aborted === true) return;
        yield user('2');
      });
      const listing = (async () => {
        for await (const _listed of wrap(fake).listUsersChangedSince!({ since, signal: controller.signal })) {
          controller.abort();
        }
      })();
      expect((await rejection(listing)).code).toBe('cancelled');
    });

    it('throws cancelled (connection_closed) when the lifetime aborts during the listing', async () => {
      const fake = fakeDirectory({}, [user('1'), user('2')]);
      const lifetime = new AbortController();
      const iterator = wrap(fake, { signal: lifetime.signal }).listUsersChangedSince!({ since })[
        Symbol.asyncIterator
      ]();
      await iterator.next();
      lifetime.abort();
      const error = await rejection(iterator.next());
      expect(error.code).toBe('cancelled');
      expect(error.details?.reason).toBe('connection_closed');
    });
  });

  describe('.createUsers cancellation', () => {
    const batch: NewUser[] = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ userName: name }));

    it('sends no further chunk once aborted; unsent items are cancelled, sent ones keep their outcome', async () => {
      const fake = fakeDirectory({ maxBatchSize: 2 });
      const controller = new AbortController();
      const original = fake.createUsers.getMockImplementation()!;
      fake.createUsers.mockImplementation(async (items: readonly NewUser[]) => {
        const result = await original(items);
        controller.abort();
        return result;
      });
      const result = await wrap(fake).createUsers(batch, { signal: controller.signal });
      expect(fake.createUsers).toHaveBeenCalledTimes(1);
      expect(result.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual([
        'ok',
        'ok',
        'cancelled',
        'cancelled',
        'cancelled',
      ]);
      expect(result.items.map((item) => item.index)).toEqual([0, 1, 2, 3, 4]);
    });

    it('reports an interrupted item of the chunk in flight as cancelled, a definite one as it is', async () => {
      const fake = fakeDirectory({ maxBatchSize: 5 });
      const controller = new AbortController();
      fake.createUsers.mockImplementation(async (items: readonly NewUser[]) => {
        controller.abort();
        return {
          items: items.map((item, index) =>
            index === 0
              ? { index, userName: item.userName, ok: false, error: { code: 'conflict' } }
              : index === 1
                ? { index, userName: item.userName, ok: false, error: new UnavailableError('reset') }
                : { index, userName: item.userName, ok: true, user: user(`n${index}`) },
          ),
        };
      });
      const result = await wrap(fake).createUsers(batch, { signal: controller.signal });
      const codes = result.items.map((item) => (item.ok ? 'ok' : item.error.code));
      expect(codes[1]).toBe('cancelled');
      expect(codes.slice(2)).toEqual(['ok', 'ok', 'ok']);
    });

    it('throws cancelled when the first chunk fails after the abort (nothing created)', async () => {
      const fake = fakeDirectory({ maxBatchSize: 2 });
      const controller = new AbortController();
      fake.createUsers.mockImplementation(async () => {
        controller.abort();
        throw new DOMException('aborted', 'AbortError');
      });
      const error = await rejection(wrap(fake).createUsers(batch, { signal: controller.signal }));
      expect(error.code).toBe('cancelled');
      expect(fake.createUsers).toHaveBeenCalledTimes(1);
    });
  });
});
