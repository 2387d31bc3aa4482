import type { z } from 'zod';
import { createProvisionKit } from '../composition/create-provision-kit.js';
import type { Connection, ProvisionKit } from '../composition/provision-kit.js';
import { createLogger } from '../logging/create-logger.js';
import { secretValuesOf } from '../redaction/secret-values.js';
import type { ProviderPlugin } from '../spi/provider-plugin.js';
import type { ProviderSandbox } from '../spi/provider-sandbox.js';
import { resolveCapabilities } from '../spi/resolve-capabilities.js';
import type { UserDirectory } from '../spi/user-directory.js';
import type { ContractOptions } from './contract-options.js';
import { type ContractRecorder, createRecorder } from './observe-directory.js';

/** How a provider runs its whole contract: its plugin and the sandbox its tests connect to. */
export interface ProviderContractOptions<S extends z.ZodType = z.ZodType> {
  readonly plugin: ProviderPlugin<S>;
  readonly sandbox: ProviderSandbox<z.input<S>>;
  /** Shown in the suite title; default the plugin's `displayName`. */
  readonly name?: string | undefined;
  /** Per-test timeout in milliseconds (vitest's default when absent). */
  readonly timeoutMs?: number | undefined;
}

interface Opened {
  readonly connection: Connection;
  readonly release: (() => void | Promise<void>) | undefined;
}

/**
 * The `ContractOptions` of a plugin and its sandbox, with everything a provider's contract test
 * used to write by hand: the sandbox started and stopped around the suite, one kit whose logger the
 * suite watches, a connection per test to an account of the sandbox (released after the test),
 * the secrets of every config it connects with, a connection with wrong credentials when the
 * sandbox can make one, and `close` through the connection.
 */
export function providerContractOptions<S extends z.ZodType>(
  options: ProviderContractOptions<S>,
): ContractOptions & { readonly recorder: ContractRecorder } {
  const { plugin, sandbox } = options;
  const recorder = createRecorder([]);
  let kit: ProvisionKit | undefined;
  let tenants = 0;
  const opened = new Map<UserDirectory, Opened>();

  const connect = async (wrongCredentials: boolean): Promise<UserDirectory> => {
    if (kit === undefined) throw new Error('the contract suite has not started (setup did not run)');
    const account = await sandbox.account();
    const config =
      wrongCredentials && sandbox.withInvalidCredentials !== undefined
        ? sandbox.withInvalidCredentials(account.config)
        : account.config;
    recorder.addSecrets(secretValuesOf(plugin.configSchema, account.config));
    recorder.addSecrets(secretValuesOf(plugin.configSchema, config));
    tenants += 1;
    const connection = await kit.connect({ provider: plugin.id, tenant: `contract-${tenants}`, config });
    opened.set(connection.directory, { connection, release: account.release?.bind(account) });
    return connection.directory;
  };

  return {
    name: options.name ?? plugin.displayName,
    recorder,
    timeoutMs: options.timeoutMs,
    // Known before any connection exists, unless a connection's config can change them.
    capabilities:
      plugin.refineCapabilities === undefined ? resolveCapabilities(plugin.capabilities) : undefined,
    setup: async () => {
      await sandbox.start?.();
      kit = createProvisionKit({ plugins: [plugin as ProviderPlugin], logger: watchingLogger(recorder) });
    },
    cleanup: async () => {
      await kit?.close();
      await sandbox.stop?.();
    },
    factory: () => connect(false),
    invalidCredentialsFactory: sandbox.withInvalidCredentials === undefined ? undefined : () => connect(true),
    close: (directory) => opened.get(directory)?.connection.close(),
    teardown: async (directory) => {
      const entry = opened.get(directory);
      opened.delete(directory);
      await entry?.connection.close();
      await entry?.release?.();
    },
    uniqueUserName: sandbox.uniqueUserName?.bind(sandbox),
  };
}

/**
 * A `debug` logger for the kit's connections that writes nowhere and counts the lines that show a
 * secret the suite knows of (checked by the suite-wide traits).
 */
function watchingLogger(recorder: ContractRecorder) {
  return createLogger({
    level: 'debug',
    destination: {
      write(line: string) {
        recorder.logLines += 1;
        if (recorder.secrets.some((secret) => line.includes(secret))) {
          recorder.logLeaks.push(`line ${recorder.logLines}`);
        }
      },
    },
  });
}
