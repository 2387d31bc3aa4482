import { User } from '../model/user.js';
import type { BatchResult } from '../spi/batch-result.js';
import type { UserDirectory } from '../spi/user-directory.js';

/** What the kit saw across the tests that share one recorder (a suite, or one group run alone). */
export interface ContractRecorder {
  /**
   * Literal values no error, user or log line may show: the caller's secrets, the kit's canary
   * password, and the secrets of every connection the kit opened (added as they are opened).
   */
  readonly secrets: readonly string[];
  /** Adds secrets found later (a connection's config); duplicates and empty strings are ignored. */
  addSecrets(values: readonly string[]): void;
  /** Lines the kit's own logger received (when it owns the connections' logger). */
  logLines: number;
  /** Log lines that showed a secret, as `line <n>` (never the line itself, which holds the secret). */
  readonly logLeaks: string[];
  /** Every error a verb threw (or an iteration raised), in order. */
  readonly errors: { readonly verb: string; readonly error: unknown }[];
  /** Returned users that did not parse as `User`, with the failing paths. */
  readonly malformedUsers: { readonly verb: string; readonly paths: readonly string[] }[];
  /** Returned users whose serialization contains a secret (a password copied into the user). */
  readonly usersWithSecrets: { readonly verb: string }[];
  usersSeen: number;
}

export function createRecorder(initial: readonly string[]): ContractRecorder {
  const secrets = initial.filter((secret) => secret.length > 0);
  return {
    secrets,
    addSecrets(values) {
      for (const value of values) if (value.length > 0 && !secrets.includes(value)) secrets.push(value);
    },
    logLines: 0,
    logLeaks: [],
    errors: [],
    malformedUsers: [],
    usersWithSecrets: [],
    usersSeen: 0,
  };
}

/**
 * A pass-through directory that records every thrown error and checks every returned user, so the
 * traits (no secret in any error, every user parses as `User`) cover all calls the suite makes, not
 * only the calls of the trait tests.
 */
export function observeDirectory(directory: UserDirectory, recorder: ContractRecorder): UserDirectory {
  const call = async <T>(
    verb: string,
    run: () => Promise<T>,
    users: (result: T) => unknown[],
  ): Promise<T> => {
    try {
      const result = await run();
      for (const user of users(result)) inspectUser(recorder, verb, user);
      if (verb === 'createUsers') recordItemErrors(recorder, result as BatchResult);
      return result;
    } catch (error) {
      recorder.errors.push({ verb, error });
      throw error;
    }
  };
  const none = (): unknown[] => [];
  const one = (user: unknown): unknown[] => [user];
  const batch = (result: BatchResult): unknown[] =>
    (result?.items ?? []).flatMap((item) => (item.ok ? [item.user] : []));
  return {
    get provider() {
      return directory.provider;
    },
    get capabilities() {
      return directory.capabilities;
    },
    listUsers: (options) => observeIterable(recorder, () => directory.listUsers(options)),
    // Kit directories are wrapped by core, which always has the optional verb (refusing it if undeclared).
    listUsersChangedSince: (options) =>
      observeIterable(recorder, () => directory.listUsersChangedSince!(options), 'listUsersChangedSince'),
    getUser: (ref, o) => call('getUser', () => directory.getUser(ref, o), one),
    createUser: (input, o) => call('createUser', () => directory.createUser(input, o), one),
    createUsers: (items, o) => call('createUsers', () => directory.createUsers(items, o), batch),
    updateUser: (ref, patch, o) => call('updateUser', () => directory.updateUser(ref, patch, o), one),
    suspendUser: (ref, o) => call('suspendUser', () => directory.suspendUser(ref, o), one),
    reactivateUser: (ref, o) => call('reactivateUser', () => directory.reactivateUser(ref, o), one),
    removeUser: (ref, o) => call('removeUser', () => directory.removeUser(ref, o), none),
    purgeUser: (ref, o) => call('purgeUser', () => directory.purgeUser(ref, o), none),
    cancelInvitation: (ref, o) => call('cancelInvitation', () => directory.cancelInvitation(ref, o), none),
    addToGroups: (ref, groups, o) => call('addToGroups', () => directory.addToGroups(ref, groups, o), one),
    removeFromGroups: (ref, groups, o) =>
      call('removeFromGroups', () => directory.removeFromGroups(ref, groups, o), one),
    listGroups: (o) => call('listGroups', () => directory.listGroups(o), none),
    verifyCredentials: (o) => call('verifyCredentials', () => directory.verifyCredentials(o), none),
  };
}

function observeIterable(
  recorder: ContractRecorder,
  open: () => AsyncIterable<User>,
  verb: 'listUsers' | 'listUsersChangedSince' = 'listUsers',
): AsyncIterable<User> {
  let iterable: AsyncIterable<User>;
  try {
    iterable = open();
  } catch (error) {
    recorder.errors.push({ verb, error });
    throw error;
  }
  return {
    [Symbol.asyncIterator]() {
      const iterator = iterable[Symbol.asyncIterator]();
      return {
        async next() {
          try {
            const step = await iterator.next();
            if (step.done !== true) inspectUser(recorder, verb, step.value);
            return step;
          } catch (error) {
            recorder.errors.push({ verb, error });
            throw error;
          }
        },
        async return(value?: unknown) {
          if (iterator.return !== undefined) return iterator.return(value);
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/** Per-item batch errors are errors the caller sees too, so they face the same secret checks. */
function recordItemErrors(recorder: ContractRecorder, result: BatchResult): void {
  for (const item of result?.items ?? []) {
    if (!item.ok) recorder.errors.push({ verb: `createUsers[${item.index}]`, error: item.error });
  }
}

function inspectUser(recorder: ContractRecorder, verb: string, user: unknown): void {
  recorder.usersSeen += 1;
  const parsed = User.safeParse(user);
  if (!parsed.success) {
    recorder.malformedUsers.push({ verb, paths: parsed.error.issues.map((issue) => issue.path.join('.')) });
  }
  const text = JSON.stringify(user) ?? '';
  if (recorder.secrets.some((secret) => secret.length > 0 && text.includes(secret))) {
    recorder.usersWithSecrets.push({ verb });
  }
}
