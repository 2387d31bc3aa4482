import 'reflect-metadata';
import { createProvisionKit, type Logger, type ProviderPlugin, silentLogger } from '@provisionkit/core';
import { LastPassClient, lastpassProvider, parseLastPassConfig } from '@provisionkit/provider-lastpass';
// Resolved from the repository's root devDependencies: the mock stands beside LastPass in this
// benchmark only, as the cheapest provider there is; the package itself never imports it.
import { createMockDirectory, createMockProvider } from '@provisionkit/provider-mock';

/** One provider as the connection benchmark sees it. */
export interface ConnectionSubject {
  readonly name: string;
  readonly plugin: ProviderPlugin;
  /** The config of customer `n`: each has its own credentials, as on a real platform. */
  config(n: number): Record<string, unknown>;
  /** The provider's own client for customer `n`, without provisionkit around it: the baseline. */
  bare(n: number, logger: Logger): unknown;
  /** Drops what the plugin remembers of closed connections, between rounds. */
  forget?(): void;
}

const lastpassConfig = (n: number) => ({
  baseUrl: 'https://lastpass.com/enterpriseapi.php',
  cid: 10_000_000 + n,
  provhash: `${n.toString(16).padStart(8, '0')}${'5e1f'.repeat(14)}`,
});

const mock = createMockProvider();

export const SUBJECTS: readonly ConnectionSubject[] = [
  {
    name: 'mock',
    plugin: mock,
    // The mock remembers each tenant's latest directory for `directoryFor` (a test aid).
    forget: () => mock.forgetDirectories(),
    config: (n) => ({ apiKey: `mock-key-${n}-0123456789abcdef` }),
    bare: (n) => createMockDirectory({ tenant: `t${n}`, apiKey: `mock-key-${n}-0123456789abcdef` }),
  },
  {
    name: 'lastpass',
    plugin: lastpassProvider as ProviderPlugin,
    config: lastpassConfig,
    // What an application without provisionkit holds per customer: a validated config and a client.
    bare: (n, logger) => new LastPassClient(parseLastPassConfig(lastpassConfig(n)), logger),
  },
];

/** A kit holding `subject`'s plugin only, logging nowhere (the table is the output). */
export function kitFor(subject: ConnectionSubject) {
  return createProvisionKit({ plugins: [subject.plugin], logger: silentLogger() });
}
