import type { Capabilities } from '../spi/capabilities.js';
import type { UserDirectory } from '../spi/user-directory.js';

/** How a provider runs the contract suite (or one of its groups). */
export interface ContractOptions {
  /** Shown in the suite title (`UserDirectory contract: <name>`). */
  readonly name: string;
  /**
   * A fresh directory for one test; called lazily, at most once per test. Hand back what hosts get
   * (a directory passed through `wrapDirectory` or opened with `connect()`), not the raw provider.
   */
  readonly factory: () => UserDirectory | Promise<UserDirectory>;
  /** Runs once before the suite's tests (start a simulator); failures fail the suite. */
  readonly setup?: (() => void | Promise<void>) | undefined;
  /** Runs once after the suite's tests, also when some failed. */
  readonly cleanup?: (() => void | Promise<void>) | undefined;
  /** Called after each test that opened a directory. */
  readonly teardown?: ((directory: UserDirectory) => void | Promise<void>) | undefined;
  /**
   * Closes what `directory` belongs to, as a host would (`connection.close()`). When given, the kit
   * checks that closing ends the listings in progress with `cancelled` and that later calls fail
   * with `unavailable`. `teardown` still runs after the test, so it must tolerate a closed connection.
   */
  readonly close?: ((directory: UserDirectory) => void | Promise<void>) | undefined;
  /**
   * Literal secret values of the connection (API keys, hashes). No error the suite provokes may
   * contain one. The kit adds its own canary password.
   */
  readonly secrets?: readonly string[] | undefined;
  /**
   * The provider's capabilities when known before any directory exists (for a plugin,
   * `resolveCapabilities(plugin.capabilities)`):
   * tests for undeclared verbs are then skipped at collection, without opening a directory. Without
   * it the kit reads the capabilities of each opened directory and skips at run time.
   */
  readonly capabilities?: Capabilities | undefined;
  /** Per-test timeout in milliseconds (vitest's default when absent). */
  readonly timeoutMs?: number | undefined;
  /**
   * Unique user names for a directory that is shared or seeded (a simulator). Each call must return a
   * name never returned before. Default: `pk-<run>-<n>@example.test`.
   */
  readonly uniqueUserName?: (() => string) | undefined;
  /**
   * A directory whose credentials are wrong. When given, the kit checks that `verifyCredentials()`
   * reports `invalid` instead of throwing and that other verbs fail with `authentication`.
   */
  readonly invalidCredentialsFactory?: (() => UserDirectory | Promise<UserDirectory>) | undefined;
}
