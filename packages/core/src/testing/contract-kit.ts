import { it } from 'vitest';
import type { NewUser, User, UserStatus } from '../model/user.js';
import type { Capabilities, CreateField } from '../spi/capabilities.js';
import type { UserDirectory } from '../spi/user-directory.js';
import { isEmailAddress } from '../spi/user-name-format.js';
import type { Verb } from '../spi/verbs.js';
import type { ContractOptions } from './contract-options.js';
import { type ContractRecorder, createRecorder, observeDirectory } from './observe-directory.js';

/** What a contract test needs from the provider; unmet needs skip the test instead of failing it. */
export interface Needs {
  readonly verbs?: readonly Verb[];
  /** Returns why the capabilities do not fit (the skip note), or undefined when they do. */
  readonly when?: (capabilities: Capabilities) => string | undefined;
}

/** State shared by the tests of one suite (or of one group run alone). */
export interface ContractKit {
  readonly options: ContractOptions;
  readonly recorder: ContractRecorder;
  /** Password the kit puts in every create where the provider accepts one; it must never resurface. */
  readonly canaryPassword: string;
  /** Declares one contract test, skipped when the provider's capabilities do not meet `needs`. */
  test(title: string, needs: Needs, body: (t: ContractTest) => Promise<void>): void;
}

/** `recorder`: one the caller adds secrets to as it opens connections (`describeProviderContract`). */
export function createKit(
  options: ContractOptions,
  recorder: ContractRecorder = createRecorder([]),
): ContractKit {
  const run = randomTag();
  const canaryPassword = `pk-canary-${randomTag()}${randomTag()}`;
  recorder.addSecrets([...(options.secrets ?? []), canaryPassword]);
  let counter = 0;
  const next = (): number => {
    counter += 1;
    return counter;
  };
  const names: NameSource = {
    userName: options.uniqueUserName ?? (() => `pk-${run}-${next()}@example.test`),
    groupName: () => `pk-group-${run}-${next()}`,
    token: () => `${run}-${next()}`,
  };
  const kit: ContractKit = {
    options,
    recorder,
    canaryPassword,
    test(title, needs, body) {
      const known = options.capabilities;
      const skipAtCollection = known !== undefined && unmetNeeds(known, needs) !== undefined;
      it.skipIf(skipAtCollection)(
        title,
        async (context) => {
          const raw = await options.factory();
          try {
            const reason = unmetNeeds(raw.capabilities, needs);
            if (reason !== undefined) context.skip(reason);
            const directory = observeDirectory(raw, recorder);
            const close = async () => {
              if (options.close === undefined) throw new Error('the kit was given no close option');
              await options.close(raw);
            };
            await body(new ContractTest(directory, names, canaryPassword, close));
          } finally {
            await options.teardown?.(raw);
          }
        },
        options.timeoutMs,
      );
    },
  };
  return kit;
}

export function unmetNeeds(capabilities: Capabilities, needs: Needs): string | undefined {
  const missing = (needs.verbs ?? []).filter((verb) => !capabilities.verbs.includes(verb));
  if (missing.length > 0) return `undeclared verb(s): ${missing.join(', ')}`;
  return needs.when?.(capabilities);
}

interface NameSource {
  readonly userName: () => string;
  readonly groupName: () => string;
  readonly token: () => string;
}

/** The per-test view: the (observed) directory plus helpers that keep names unique across tests. */
export class ContractTest {
  constructor(
    readonly directory: UserDirectory,
    private readonly names: NameSource,
    readonly canaryPassword: string,
    /** Closes the directory's connection through the `close` option. */
    readonly close: () => Promise<void>,
  ) {}

  get capabilities(): Capabilities {
    return this.directory.capabilities;
  }

  /** The status a newly created user has on this provider. */
  get initialStatus(): UserStatus {
    return this.capabilities.createsInvitedUsers ? 'invited' : 'active';
  }

  /**
   * A new unique user name. Where the provider declares `userNameFormat: 'email'`, a sandbox's
   * `uniqueUserName()` that returns anything else fails the test with a message saying so.
   */
  userName(): string {
    const userName = this.names.userName();
    if (this.capabilities.userNameFormat === 'email' && !isEmailAddress(userName)) {
      throw new Error(
        "the provider declares userNameFormat 'email', but the sandbox's uniqueUserName() returned a name that is not an email address: make it return email addresses",
      );
    }
    return userName;
  }

  /** A new unique user name that is not an email address (`pk-<run>-<n>-at-example.test`). */
  nonEmailUserName(): string {
    return this.names.userName().replaceAll('@', '-at-');
  }

  groupName(): string {
    return this.names.groupName();
  }

  /** A short unique token for field values (`externalId`, attribute values). */
  token(): string {
    return this.names.token();
  }

  /** Whether a create stores `field` (`creatableFields`). */
  creates(field: CreateField): boolean {
    return this.capabilities.creatableFields.includes(field);
  }

  /** `fields` without those a create does not store: the kit sends only what the provider declares. */
  declared(fields: Partial<NewUser>): Partial<NewUser> {
    return Object.fromEntries(
      Object.entries(fields).filter(([field]) => this.creates(field as CreateField)),
    ) as Partial<NewUser>;
  }

  /**
   * A valid, unique `NewUser` with only fields the provider declares: the user name (as `email` too
   * when it is one), one-word name parts (or a `displayName` when the provider keeps only that), and
   * the canary password when the provider takes passwords. Overrides are kept when the provider
   * stores them, except `userName`, `password` and `groups`, which are kept as given. One-word name
   * parts: a provider that stores one full name and splits it back (LastPass) can only round-trip
   * what a split rule recovers, and every such rule keeps "Ada Lovelace-x" apart.
   */
  newUser(overrides: Partial<NewUser> = {}): NewUser {
    const { userName = this.userName(), password, groups, ...fields } = overrides;
    const family = `Lovelace-${this.token()}`;
    // Name parts and a displayName are never sent together: a provider keeping one full name
    // could not keep both.
    const names =
      fields.displayName !== undefined
        ? {}
        : this.creates('givenName') && this.creates('familyName')
          ? { givenName: 'Ada', familyName: family }
          : { displayName: `Ada ${family}` };
    return {
      userName,
      ...this.declared({ ...(looksLikeEmail(userName) ? { email: userName } : {}), ...names, ...fields }),
      ...(this.capabilities.acceptsPassword ? { password: password ?? this.canaryPassword } : {}),
      ...(groups === undefined ? {} : { groups }),
    };
  }

  /** `userName` with every other letter of its local part in upper case (`Pk-AbC1@example.test`). */
  mixedCase(userName: string): string {
    const at = userName.indexOf('@');
    const local = at < 0 ? userName : userName.slice(0, at);
    let letters = 0;
    const mixed = [...local]
      .map((char) => {
        if (char.toLowerCase() === char.toUpperCase()) return char;
        letters += 1;
        return letters % 2 === 1 ? char.toUpperCase() : char.toLowerCase();
      })
      .join('');
    return at < 0 ? mixed : `${mixed}${userName.slice(at)}`;
  }

  createUser(overrides: Partial<NewUser> = {}): Promise<User> {
    return this.directory.createUser(this.newUser(overrides));
  }

  /** Creates `count` users one by one (so a list test does not depend on batch creation). */
  async createUsers(count: number): Promise<User[]> {
    const users: User[] = [];
    for (let index = 0; index < count; index += 1) users.push(await this.createUser());
    return users;
  }

  /** An id no user has: the kit never creates it. */
  unknownId(): string {
    return `pk-missing-${this.token()}`;
  }
}

function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

function randomTag(): string {
  return Math.random().toString(36).slice(2, 8).padEnd(6, '0');
}
