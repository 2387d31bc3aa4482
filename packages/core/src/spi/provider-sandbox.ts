/** One account of a sandbox: what a connection to it is given. */
export interface SandboxAccount<Config = unknown> {
  /** A valid connection config for the account (what `connect({ config })` receives). */
  readonly config: Config;
  /** Releases the account once its test is over (its connection is closed by then). */
  release?(): void | Promise<void>;
}

/**
 * Where a provider's contract tests run: a local simulator, an in-memory account, a vendor's test
 * tenant. A provider exports one (from its `./testing` entry when it needs test-only code) and its
 * whole contract test is `describeProviderContract({ plugin, sandbox })`.
 */
export interface ProviderSandbox<Config = unknown> {
  /** Called once before the suite: start a server. */
  start?(): void | Promise<void>;
  /** Called once after the suite. */
  stop?(): void | Promise<void>;
  /** An account for one test: a fresh one, or a shared one (then also give `uniqueUserName`). */
  account(): SandboxAccount<Config> | Promise<SandboxAccount<Config>>;
  /** `config` with credentials the account refuses; enables the kit's invalid-credentials checks. */
  withInvalidCredentials?(config: Config): Config;
  /** A user name nobody in a shared or seeded account holds; a new one on every call. */
  uniqueUserName?(): string;
}
