import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type Connection,
  createLogger,
  createProvisionKit,
  type Logger,
  type ProviderPlugin,
  type ProvisionKit,
  type StateStore,
  secretValuesOf,
  silentLogger,
} from '@provisionkit/core';
import { openSqliteStateStore } from '@provisionkit/store-sqlite';
import { CliError } from './cli-errors.js';
import { type CliIo, Printer } from './cli-io.js';
import { configPath, readConfig, writeConfig } from './config/config-file.js';
import type { CliConfig, ConnectionEntry } from './config/config-schema.js';
import { resolveConfig, withoutEnvReferences } from './config/resolve-config.js';
import { cliPlugins } from './plugins.js';

export interface GlobalOptions {
  readonly config?: string | undefined;
  readonly verbose?: boolean | undefined;
}

/** One connection of the configuration, opened. */
export interface OpenConnection {
  readonly name: string;
  readonly entry: ConnectionEntry;
  readonly connection: Connection;
}

/**
 * What one run of the command works with, opened on first use and closed at the end: the
 * configuration, the state store, the kit and its connections. Every secret met on the way is
 * registered with the printers, which cut it out of anything written.
 */
export class Session {
  readonly io: CliIo;
  readonly out: Printer;
  readonly err: Printer;
  readonly plugins: readonly ProviderPlugin[] = cliPlugins();
  readonly #secrets = new Set<string>();
  #options: GlobalOptions = {};
  #config: CliConfig | undefined;
  #store: StateStore | undefined;
  #kit: ProvisionKit | undefined;
  readonly #open = new Map<string, OpenConnection>();

  constructor(io: CliIo) {
    this.io = io;
    const secrets = () => [...this.#secrets];
    this.out = new Printer(io.stdout, secrets);
    this.err = new Printer(io.stderr, secrets);
  }

  setOptions(options: GlobalOptions): void {
    this.#options = options;
  }

  get verbose(): boolean {
    return this.#options.verbose === true;
  }

  get secrets(): readonly string[] {
    return [...this.#secrets];
  }

  get configPath(): string {
    return configPath(this.#options.config, this.io.env, this.io.cwd);
  }

  config(): CliConfig {
    this.#config ??= readConfig(this.configPath);
    for (const [name, entry] of Object.entries(this.#config.connections)) this.#collectSecrets(name, entry);
    return this.#config;
  }

  saveConfig(config: CliConfig): void {
    writeConfig(this.configPath, config);
    this.#config = config;
  }

  plugin(id: string): ProviderPlugin {
    const plugin = this.plugins.find((candidate) => candidate.id === id);
    if (plugin === undefined) {
      throw new CliError(`Unknown provider ${id} (known: ${this.plugins.map((p) => p.id).join(', ')})`, [
        { path: 'provider', message: 'is not a provider this command knows' },
      ]);
    }
    return plugin;
  }

  entry(name: string): ConnectionEntry {
    const entry = this.config().connections[name];
    if (entry === undefined) {
      throw new CliError(
        `No connection named ${name} in ${this.configPath} (provisionkit connections list)`,
        [{ path: 'connection', message: 'is not configured' }],
      );
    }
    return entry;
  }

  /** The named connections, or every configured one when none is named. */
  names(requested: readonly string[] | undefined): string[] {
    const configured = Object.keys(this.config().connections);
    if (requested !== undefined && requested.length > 0) {
      for (const name of requested) this.entry(name);
      return [...new Set(requested)];
    }
    if (configured.length === 0) {
      throw new CliError(`No connection configured in ${this.configPath} (provisionkit connections add)`, [
        { path: 'connection', message: 'none configured' },
      ]);
    }
    return configured;
  }

  async store(): Promise<StateStore> {
    if (this.#store === undefined) {
      const path = resolve(dirname(this.configPath), this.config().store);
      mkdirSync(dirname(path), { recursive: true });
      this.#store = await openSqliteStateStore({ path });
    }
    return this.#store;
  }

  async kit(): Promise<ProvisionKit> {
    if (this.#kit === undefined) {
      const store = await this.store();
      this.#kit = createProvisionKit({ plugins: this.plugins, logger: this.#logger(), store });
    }
    return this.#kit;
  }

  async connect(name: string): Promise<OpenConnection> {
    const opened = this.#open.get(name);
    if (opened !== undefined) return opened;
    const entry = this.entry(name);
    this.plugin(entry.provider);
    const { config } = resolveConfig(entry.config, this.io.env, `connections.${name}.config`);
    const kit = await this.kit();
    const connection = await kit.connect({
      provider: entry.provider,
      tenant: entry.tenant,
      config,
      ...(entry.massChange === undefined ? {} : { sync: { massChange: entry.massChange } }),
    });
    const result = { name, entry, connection };
    this.#open.set(name, result);
    return result;
  }

  /** The first configured connection of this tenant and provider (to apply a saved plan). */
  nameFor(tenant: string, provider: string): string {
    const found = Object.entries(this.config().connections).find(
      ([, entry]) => entry.tenant === tenant && entry.provider === provider,
    );
    if (found === undefined) {
      throw new CliError(`No connection for ${tenant}/${provider} in ${this.configPath}`, [
        { path: 'plan.connections', message: `needs a configured connection for ${tenant}/${provider}` },
      ]);
    }
    return found[0];
  }

  async close(): Promise<void> {
    await this.#kit?.close().catch(() => undefined);
    await this.#store?.close().catch(() => undefined);
  }

  #collectSecrets(name: string, entry: ConnectionEntry): void {
    // Without its variables, only the values the file itself holds can be known.
    let resolved: Record<string, unknown> = withoutEnvReferences(entry.config);
    try {
      resolved = resolveConfig(entry.config, this.io.env, `connections.${name}.config`).config;
    } catch {
      // A missing variable is reported when the connection is used.
    }
    const plugin = this.plugins.find((candidate) => candidate.id === entry.provider);
    if (plugin === undefined) return;
    for (const value of secretValuesOf(plugin.configSchema, resolved)) this.#secrets.add(value);
  }

  #logger(): Logger {
    if (!this.verbose) return silentLogger();
    // Log lines go to stderr, through the logger's own redaction (and the printer's).
    return createLogger({
      level: 'debug',
      destination: { write: (text: string) => this.err.write(text) },
      secrets: [...this.#secrets],
    });
  }
}
