import { describe, expect } from 'vitest';
import type { User } from '../../model/user.js';
import { Verb } from '../../spi/verbs.js';
import type { ContractKit, ContractTest } from '../contract-kit.js';
import { expectProvisioningError } from '../expect-error.js';
import { callVerb } from './call-verb.js';

const CREATES: ReadonlySet<Verb> = new Set(['createUser', 'createUsers']);

/**
 * Aborts and close: an aborted signal or a closed connection ends every operation with `cancelled`,
 * a listing never ends quietly (it would read as complete), and nothing is written after an abort.
 */
export function cancellationContract(kit: ContractKit): void {
  describe('aborts and close', () => {
    // Optional verbs too: a declared `listUsersChangedSince` honours the signal like `listUsers`.
    for (const verb of Verb.options) {
      kit.test(
        `${verb} with an already aborted signal fails with cancelled and writes nothing`,
        { verbs: [verb] },
        async (t) => {
          const target = await targetUser(t);
          const ref = target === undefined ? { id: t.unknownId() } : { id: target.id };
          const before = await readBack(t, target);
          const input = t.newUser();
          await expectProvisioningError(
            callVerb(t, verb, ref, { signal: AbortSignal.abort() }, input),
            'cancelled',
          );
          expect(await readBack(t, target), 'the user after the aborted call').toEqual(before);
          if (CREATES.has(verb) && can(t, 'getUser')) {
            await expectProvisioningError(t.directory.getUser({ userName: input.userName }), 'not_found');
          }
        },
      );
    }

    kit.test(
      'listUsers with an already aborted signal yields no user and fails with cancelled',
      { verbs: ['listUsers', 'createUser'] },
      async (t) => {
        await t.createUsers(2);
        const yielded: string[] = [];
        const drain = async () => {
          for await (const user of t.directory.listUsers({ signal: AbortSignal.abort() }))
            yielded.push(user.id);
        };
        await expectProvisioningError(drain(), 'cancelled');
        expect(yielded, 'users yielded by an aborted listing').toEqual([]);
      },
    );

    kit.test(
      'an abort while a listing page is in flight ends the listing with cancelled',
      { verbs: ['listUsers', 'createUser'] },
      async (t) => {
        const { controller, iterator } = await abortableListing(t);
        const pending = iterator.next();
        controller.abort();
        await expectProvisioningError(pending, 'cancelled');
      },
    );

    kit.test(
      'an abort between listing pages ends the listing with cancelled, not quietly',
      { verbs: ['listUsers', 'createUser'] },
      async (t) => {
        const { controller, iterator } = await abortableListing(t);
        expect((await iterator.next()).done, 'first step of the listing').toBe(false);
        controller.abort();
        await expectProvisioningError(iterator.next(), 'cancelled');
      },
    );

    kit.test(
      'closing the connection ends its listings with cancelled (page in flight or between pages); later calls fail with unavailable',
      {
        verbs: ['listUsers', 'createUser'],
        when: () => (kit.options.close === undefined ? 'no close option given' : undefined),
      },
      async (t) => {
        await t.createUsers(2);
        const between = t.directory.listUsers({ pageSize: 1 })[Symbol.asyncIterator]();
        expect((await between.next()).done, 'first step of the listing').toBe(false);
        const inFlight = t.directory.listUsers({ pageSize: 1 })[Symbol.asyncIterator]();
        const pending = inFlight.next();
        await t.close();
        await expectProvisioningError(pending, 'cancelled');
        await expectProvisioningError(between.next(), 'cancelled');
        await expectProvisioningError(callVerb(t, 'listUsers', { id: t.unknownId() }), 'unavailable');
      },
    );
  });
}

/** Two users of its own, listed one per page under a signal the test aborts. */
async function abortableListing(t: ContractTest) {
  await t.createUsers(2);
  const controller = new AbortController();
  const iterator = t.directory.listUsers({ pageSize: 1, signal: controller.signal })[Symbol.asyncIterator]();
  return { controller, iterator };
}

function can(t: ContractTest, verb: Verb): boolean {
  return t.capabilities.verbs.includes(verb);
}

/** A user for the verb to act on, when the provider can create one. */
async function targetUser(t: ContractTest): Promise<User | undefined> {
  return can(t, 'createUser') ? t.createUser() : undefined;
}

/** What the provider holds for `target` (undefined when it cannot be read). */
async function readBack(t: ContractTest, target: User | undefined): Promise<User | undefined> {
  if (target === undefined || !can(t, 'getUser')) return undefined;
  return t.directory.getUser({ id: target.id });
}
