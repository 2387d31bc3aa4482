import { describe, expect } from 'vitest';
import { ProvisioningError } from '../../errors/provisioning-error.js';
import type { NewUser } from '../../model/user.js';
import type { BatchItemResult, BatchResult } from '../../spi/batch-result.js';
import type { ContractKit, ContractTest } from '../contract-kit.js';
import { expectIssueAt, expectProvisioningError } from '../expect-error.js';

export function batchCreateContract(kit: ContractKit): void {
  describe('.createUsers', () => {
    kit.test('creates every item of an all-valid batch', { verbs: ['createUsers', 'getUser'] }, async (t) => {
      const batch = [t.newUser(), t.newUser(), t.newUser()];
      const result = await t.directory.createUsers(batch);
      expectCoversBatch(result, batch);
      expect({ succeeded: result.succeeded, failed: result.failed }).toEqual({ succeeded: 3, failed: 0 });
      for (const item of result.items) {
        const user = okUser(item);
        expect(user.status).toBe(t.initialStatus);
        expect((await t.directory.getUser({ id: user.id })).userName).toBe(batch[item.index]!.userName);
      }
    });

    kit.test(
      'returns exactly one result per index of a sparse batch with duplicates',
      { verbs: ['createUsers'] },
      async (t) => {
        const first = t.newUser();
        const second = t.newUser();
        const batch: NewUser[] = [];
        batch[0] = first;
        batch[2] = t.newUser({ userName: first.userName.toUpperCase() });
        batch[3] = second;
        batch[4] = second;
        batch.length = 6; // holes at 1 and 5
        const result = await t.directory.createUsers(batch);
        expect(
          result.items.map((item) => item.index),
          'indexes of the results',
        ).toEqual([0, 1, 2, 3, 4, 5]);
        for (const hole of [1, 5]) failure(result.items[hole]!, 'invalid_input');
        for (const [a, b] of [
          [0, 2],
          [3, 4],
        ] as const) {
          const pair = [result.items[a]!, result.items[b]!];
          expect(
            pair.filter((item) => item.ok),
            `items ${a} and ${b} (one userName) created`,
          ).toHaveLength(1);
          for (const item of pair) if (!item.ok) failure(item, 'conflict');
        }
        expect({ succeeded: result.succeeded, failed: result.failed }).toEqual({ succeeded: 2, failed: 4 });
      },
    );

    kit.test('returns an empty result for an empty batch', { verbs: ['createUsers'] }, async (t) => {
      expect(await t.directory.createUsers([])).toEqual({ items: [], succeeded: 0, failed: 0 });
    });

    kit.test(
      'reports each item of a mixed batch (valid, invalid, duplicate) by its index',
      { verbs: ['createUsers', 'createUser'] },
      async (t) => {
        const { batch } = await mixedBatch(t);
        const result = await t.directory.createUsers(batch);
        expectCoversBatch(result, batch);
        const [first, invalid, duplicate, valid, inBatchTwin] = result.items;
        expect(okUser(valid!).userName).toBe(batch[3]!.userName);
        expectIssueAt(failure(invalid!, 'invalid_input'), 'batch.1.email');
        failure(duplicate!, 'conflict');
        // Exactly one of two same-named items wins (the first, for providers that work in order).
        const twins = [first!, inBatchTwin!];
        expect(
          twins.filter((item) => item.ok),
          'items sharing one userName that succeeded',
        ).toHaveLength(1);
        for (const twin of twins) if (!twin.ok) failure(twin, 'conflict');
        expect({ succeeded: result.succeeded, failed: result.failed }).toEqual({ succeeded: 2, failed: 3 });
      },
    );

    kit.test(
      'creates exactly the items of a mixed batch it reports as created',
      { verbs: ['createUsers', 'createUser', 'getUser'] },
      async (t) => {
        const { batch, existing } = await mixedBatch(t);
        const result = await t.directory.createUsers(batch);
        expectCoversBatch(result, batch);
        for (const item of result.items.filter((entry) => entry.ok)) {
          const user = okUser(item);
          const found = await t.directory.getUser({ userName: batch[item.index]!.userName });
          expect(found.id, `item ${item.index} reported created`).toBe(user.id);
          expect(user.id, `item ${item.index} reported created`).not.toBe(existing.id);
        }
        await expectProvisioningError(t.directory.getUser({ userName: batch[1]!.userName }), 'not_found');
        const stillExisting = await t.directory.getUser({ userName: existing.userName });
        expect(stillExisting.id).toBe(existing.id);
        expect(stillExisting.givenName).toBe(existing.givenName);
      },
    );

    kit.test(
      "fails an item whose userName is not an email address alone with invalid_input, as userNameFormat 'email' declares",
      {
        verbs: ['createUsers'],
        when: (caps) =>
          caps.userNameFormat === 'email' ? undefined : `userNameFormat is ${caps.userNameFormat}`,
      },
      async (t) => {
        const batch = [t.newUser(), t.newUser({ userName: t.nonEmailUserName() }), t.newUser()];
        const result = await t.directory.createUsers(batch);
        expectCoversBatch(result, batch);
        const [first, refused, last] = result.items;
        expectIssueAt(failure(refused!, 'invalid_input'), 'batch.1.userName');
        expect([okUser(first!).userName, okUser(last!).userName]).toEqual([
          batch[0]!.userName,
          batch[2]!.userName,
        ]);
        if (t.capabilities.verbs.includes('getUser')) {
          await expectProvisioningError(t.directory.getUser({ userName: batch[1]!.userName }), 'not_found');
        }
      },
    );

    kit.test(
      'creates a batch larger than maxBatchSize completely',
      {
        verbs: ['createUsers'],
        when: (caps) =>
          caps.maxBatchSize <= 10 ? undefined : 'maxBatchSize above 10: too many users to create',
      },
      async (t) => {
        const batch = Array.from({ length: t.capabilities.maxBatchSize * 2 + 1 }, () => t.newUser());
        const result = await t.directory.createUsers(batch);
        expectCoversBatch(result, batch);
        expect(result.succeeded).toBe(batch.length);
      },
    );
  });
}

/**
 * `[a, invalid, duplicate of an existing user, b, a again in another case]`. The existing user is
 * created first (with a distinctive givenName so an overwrite would show).
 */
async function mixedBatch(t: ContractTest) {
  const existing = await t.createUser({ givenName: 'Existing' });
  const first = t.newUser();
  const batch: NewUser[] = [
    first,
    { ...t.newUser(), email: 'not-an-email' },
    t.newUser({ userName: existing.userName.toUpperCase(), givenName: 'Overwriter' }),
    t.newUser(),
    t.newUser({ userName: first.userName.toUpperCase() }),
  ];
  return { batch, existing };
}

/** Each input index appears exactly once, in order, under the input's userName; counts add up. */
export function expectCoversBatch(result: BatchResult, batch: readonly NewUser[]): void {
  expect(result.items.map((item) => item.index)).toEqual(batch.map((_, index) => index));
  for (const item of result.items) {
    expect(item.userName.trim().toLowerCase(), `userName of item ${item.index}`).toBe(
      batch[item.index]!.userName.trim().toLowerCase(),
    );
  }
  expect(result.succeeded + result.failed).toBe(batch.length);
  expect(result.succeeded).toBe(result.items.filter((item) => item.ok).length);
}

function okUser(item: BatchItemResult) {
  if (!item.ok) return expect.fail(`item ${item.index} failed with '${item.error?.code}', expected created`);
  return item.user;
}

function failure(item: BatchItemResult, code: ProvisioningError['code']): ProvisioningError {
  if (item.ok) return expect.fail(`item ${item.index} reported created, expected '${code}'`);
  expect(ProvisioningError.is(item.error), `item ${item.index} error is a ProvisioningError`).toBe(true);
  expect(item.error.code, `code of item ${item.index}`).toBe(code);
  return item.error;
}
