import { describe } from 'vitest';
import type { UserDirectory } from '../../spi/user-directory.js';
import type { ContractKit, ContractTest } from '../contract-kit.js';
import { expectIssueAt, expectProvisioningError } from '../expect-error.js';

/** A wrong value and the field path its `invalid_input` error must name. */
type BadCase = readonly [label: string, value: unknown, field: string];

const BAD_REFS: readonly BadCase[] = [
  ['undefined', undefined, 'ref'],
  ['null', null, 'ref'],
  ['{}', {}, 'ref'],
  ['a number', 5, 'ref'],
  ['{ id: 5 }', { id: 5 }, 'ref'],
  ["{ id: '' }", { id: '' }, 'ref'],
  ["{ userName: '  ' }", { userName: '  ' }, 'ref'],
  ['an unknown key', { id: 'u-1', extra: true }, 'ref'],
];

const REF_VERBS = [
  'getUser',
  'suspendUser',
  'reactivateUser',
  'removeUser',
  'purgeUser',
  'cancelInvitation',
] as const;

/**
 * Wrong shapes are rejected with `invalid_input` naming the field, before any I/O and never as a
 * `TypeError`: JavaScript callers and deserialized requests do not go through the type checker.
 */
export function inputErrorsContract(kit: ContractKit): void {
  describe('input validation', () => {
    for (const verb of REF_VERBS) {
      kit.test(
        `${verb} rejects malformed refs with invalid_input naming ref`,
        { verbs: [verb] },
        async (t) => {
          const call = t.directory[verb] as (ref: unknown) => Promise<unknown>;
          await expectRejectsAll(BAD_REFS, (ref) => call.call(t.directory, ref));
        },
      );
    }

    kit.test(
      'createUser rejects malformed input with invalid_input naming the field',
      { verbs: ['createUser'] },
      async (t) => {
        const userName = t.userName();
        const cases: BadCase[] = [
          ['undefined', undefined, 'input'],
          ['null', null, 'input'],
          ['{}', {}, 'input.userName'],
          ['a number', 5, 'input'],
          ['an empty userName', { userName: '' }, 'input.userName'],
          ['a numeric userName', { userName: 42 }, 'input.userName'],
          ['an unknown key', { userName, nickname: 'x' }, 'input'],
          ['a bad email', { userName, email: 'not-an-email' }, 'input.email'],
          ['groups as a string', { userName, groups: 'staff' }, 'input.groups'],
          ['a non-boolean isAdmin', { userName, isAdmin: 'yes' }, 'input.isAdmin'],
        ];
        await expectRejectsAll(cases, (input) => t.directory.createUser(input as never));
        await expectNoUser(t, userName);
      },
    );

    kit.test(
      'createUsers rejects a batch that is not an array with invalid_input',
      { verbs: ['createUsers'] },
      async (t) => {
        const cases: BadCase[] = [
          ['undefined', undefined, 'batch'],
          ['null', null, 'batch'],
          ['an object', { 0: t.newUser() }, 'batch'],
          ['a string', 'users', 'batch'],
        ];
        await expectRejectsAll(cases, (batch) => t.directory.createUsers(batch as never));
      },
    );

    kit.test(
      'updateUser rejects malformed refs and patches with invalid_input',
      { verbs: ['updateUser'] },
      async (t) => {
        const patch = { givenName: 'Valid' };
        await expectRejectsAll(BAD_REFS, (ref) => t.directory.updateUser(ref as never, patch));
        const patches: BadCase[] = [
          ['undefined', undefined, 'patch'],
          ['null', null, 'patch'],
          ['{} (no change)', {}, 'patch'],
          ['an unknown key', { nickname: 'x' }, 'patch'],
          ['a bad email', { email: 'not-an-email' }, 'patch.email'],
          ['an empty userName', { userName: '' }, 'patch.userName'],
          ['a non-boolean isAdmin', { isAdmin: 'yes' }, 'patch.isAdmin'],
        ];
        // An unknown id: a provider that skipped validation would answer not_found instead.
        await expectRejectsAll(patches, (bad) => t.directory.updateUser({ id: t.unknownId() }, bad as never));
      },
    );

    for (const verb of ['addToGroups', 'removeFromGroups'] as const) {
      kit.test(
        `${verb} rejects malformed refs and group lists with invalid_input`,
        { verbs: [verb] },
        async (t) => {
          const call = (ref: unknown, groups: unknown) => t.directory[verb](ref as never, groups as never);
          await expectRejectsAll(BAD_REFS, (ref) => call(ref, [t.groupName()]));
          const groups: BadCase[] = [
            ['undefined', undefined, 'groups'],
            ['an empty array', [], 'groups'],
            ['a string', 'staff', 'groups'],
            ['an empty name', [''], 'groups'],
            ['a number', [5], 'groups'],
          ];
          await expectRejectsAll(groups, (bad) => call({ id: t.unknownId() }, bad));
        },
      );
    }

    kit.test(
      'listUsers rejects malformed options with invalid_input naming the option',
      { verbs: ['listUsers'] },
      async (t) => {
        const cases: BadCase[] = [
          ['pageSize 0', { pageSize: 0 }, 'options.pageSize'],
          ['a negative pageSize', { pageSize: -5 }, 'options.pageSize'],
          ['a fractional pageSize', { pageSize: 1.5 }, 'options.pageSize'],
          ['a pageSize above maxPageSize', { pageSize: t.capabilities.maxPageSize + 1 }, 'options.pageSize'],
          ['a huge pageSize', { pageSize: Number.MAX_SAFE_INTEGER }, 'options.pageSize'],
          ['an unknown status', { status: 'deleted' }, 'options.status'],
          ['an unknown key', { limit: 10 }, 'options'],
          ['a number', 5, 'options'],
        ];
        await expectRejectsAll(cases, (options) => drainFirst(t.directory, options));
      },
    );
  });
}

async function expectRejectsAll(cases: readonly BadCase[], call: (value: unknown) => unknown): Promise<void> {
  for (const [label, value, field] of cases) {
    const error = await expectProvisioningError(async () => call(value), 'invalid_input').catch(
      (failure: unknown) => {
        throw new Error(`given ${label}: ${failure instanceof Error ? failure.message : String(failure)}`);
      },
    );
    try {
      expectIssueAt(error, field);
    } catch (failure) {
      throw new Error(`given ${label}: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  }
}

/** listUsers may throw when called or on the first page; both count. */
async function drainFirst(directory: UserDirectory, options: unknown): Promise<void> {
  for await (const _user of directory.listUsers(options as never)) break;
}

async function expectNoUser(t: ContractTest, userName: string): Promise<void> {
  if (!t.capabilities.verbs.includes('getUser')) return;
  await expectProvisioningError(t.directory.getUser({ userName }), 'not_found');
}
