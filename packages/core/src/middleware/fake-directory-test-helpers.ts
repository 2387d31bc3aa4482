import { vi } from 'vitest';
import { ProvisioningError } from '../errors/provisioning-error.js';
import type { NewUser, User, UserRef } from '../model/user.js';
import { type Capabilities, CREATE_FIELDS } from '../spi/capabilities.js';
import type { ListChangesOptions, ListUsersOptions } from '../spi/list-options.js';
import type { UserDirectory } from '../spi/user-directory.js';
import { OPTIONAL_VERBS, VERBS, type Verb } from '../spi/verbs.js';
import { wrapDirectory } from './wrap-directory.js';

export const CAPABILITIES: Capabilities = {
  verbs: [...VERBS, ...OPTIONAL_VERBS],
  maxBatchSize: 2,
  maxPageSize: 50,
  defaultPageSize: 10,
  listFilters: [],
  creatableFields: [...CREATE_FIELDS],
  updatableFields: ['givenName', 'familyName'],
  acceptsPassword: true,
  createsInvitedUsers: false,
  userNameFormat: 'any',
  emailIsUserName: false,
};

export function user(id: string, overrides: Partial<User> = {}): User {
  return {
    id,
    userName: `user${id}@example.com`,
    status: 'active',
    isAdmin: false,
    groups: [],
    attributes: {},
    ...overrides,
  };
}

/** A hand-written in-memory directory whose every verb is a spy with a valid default answer. */
export function fakeDirectory(
  capabilities: Partial<Capabilities> = {},
  users: readonly User[] = [user('1'), user('2')],
) {
  return {
    provider: 'fake',
    capabilities: consistent({ ...CAPABILITIES, ...capabilities }),
    listUsers: vi.fn(async function* (_options?: ListUsersOptions): AsyncGenerator<unknown> {
      yield* users;
    }),
    listUsersChangedSince: vi.fn(async function* (_options: ListChangesOptions): AsyncGenerator<unknown> {
      yield* users;
    }),
    getUser: vi.fn(async (_ref: UserRef): Promise<unknown> => user('1')),
    createUser: vi.fn(async (input: NewUser): Promise<unknown> => user('9', { userName: input.userName })),
    // Answers in reverse order to prove that core maps results by index, not by position.
    createUsers: vi.fn(
      async (batch: readonly NewUser[]): Promise<unknown> => ({
        items: batch
          .map((item, index) => ({
            index,
            userName: item.userName,
            ok: true,
            user: user(`n${index}`, { userName: item.userName }),
          }))
          .reverse(),
      }),
    ),
    updateUser: vi.fn(async (_ref: UserRef, _patch: unknown): Promise<unknown> => user('1')),
    suspendUser: vi.fn(async (_ref: UserRef): Promise<unknown> => user('1', { status: 'suspended' })),
    reactivateUser: vi.fn(async (_ref: UserRef): Promise<unknown> => user('1')),
    removeUser: vi.fn(async (_ref: UserRef): Promise<unknown> => 'ignored'),
    purgeUser: vi.fn(async (_ref: UserRef): Promise<unknown> => undefined),
    cancelInvitation: vi.fn(async (_ref: UserRef): Promise<unknown> => undefined),
    addToGroups: vi.fn(
      async (_ref: UserRef, groups: readonly string[]): Promise<unknown> =>
        user('1', { groups: [...groups] }),
    ),
    removeFromGroups: vi.fn(async (_ref: UserRef, _groups: readonly string[]): Promise<unknown> => user('1')),
    listGroups: vi.fn(async (): Promise<unknown> => [{ id: 'eng', name: 'Engineering' }]),
    verifyCredentials: vi.fn(
      async (): Promise<unknown> => ({ status: 'valid', checkedAt: '2024-05-11T15:02:26Z' }),
    ),
  };
}
export type Fake = ReturnType<typeof fakeDirectory>;

/**
 * `capabilities` without the fields its verbs make meaningless (a batch size without createUsers),
 * which core would refuse as inconsistent: tests restricting the verbs only name the verbs.
 */
export function consistent(capabilities: Capabilities): Capabilities {
  const has = (verb: Verb) => capabilities.verbs.includes(verb);
  const creates = has('createUser') || has('createUsers');
  const { maxBatchSize, ...rest } = capabilities;
  return {
    ...rest,
    ...(has('createUsers') ? { maxBatchSize } : {}),
    listFilters: has('listUsers') ? capabilities.listFilters : [],
    creatableFields: creates ? capabilities.creatableFields : [],
    updatableFields: has('updateUser') ? capabilities.updatableFields : [],
    acceptsPassword: creates && capabilities.acceptsPassword,
  } as Capabilities;
}

export function wrap(fake: Fake, options: Parameters<typeof wrapDirectory>[1] = {}): UserDirectory {
  return wrapDirectory(fake as unknown as UserDirectory, options);
}

/** Calls a method with arbitrary (possibly ill-typed) arguments, as untyped callers do. */
export function call(directory: UserDirectory, verb: Verb, ...args: unknown[]): Promise<unknown> {
  return (directory[verb] as (...values: unknown[]) => Promise<unknown>)(...args);
}

export async function rejection(promise: Promise<unknown>): Promise<ProvisioningError> {
  try {
    await promise;
  } catch (error) {
    if (ProvisioningError.is(error)) return error;
    throw new Error(`expected a ProvisioningError, got ${String(error)}`);
  }
  throw new Error('expected a rejection');
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
