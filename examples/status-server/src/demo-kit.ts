// The kit the status server shows: three customers, each with one connection. acme and globex are
// on the in-memory mock (globex's credentials were revoked), initech is on LastPass, against the
// local LastPass simulator (real HTTP on 127.0.0.1, throwaway credentials).
import {
  type Connection,
  type ConnectionStatus,
  createMemoryStateStore,
  createProvisionKit,
  type Logger,
  type ProvisionKit,
} from '@provisionkit/core';
import { lastpassProvider } from '@provisionkit/provider-lastpass';
import { type LastPassSimulator, startLastPassSimulator } from '@provisionkit/provider-lastpass/testing';
import { mockProvider } from '@provisionkit/provider-mock';

export interface DemoKit {
  readonly kit: ProvisionKit;
  /** acme, globex and initech, in that order. */
  readonly connections: readonly Connection[];
  /** The first check of every connection (a health monitor does this on its schedule). */
  readonly checked: readonly ConnectionStatus[];
  /** The LastPass account initech's connection talks to (its admin console, for tests). */
  readonly simulator: LastPassSimulator;
  /** Closes the kit (its connections), then the simulator. */
  close(): Promise<void>;
}

export async function openDemoKit(options: { logger: Logger; provhash?: string }): Promise<DemoKit> {
  const simulator = await startLastPassSimulator({
    seed: { users: 3, random: 7 },
    ...(options.provhash === undefined ? {} : { provhash: options.provhash }),
  });
  // With a store, statuses also hold the last sync and survive a restart
  // (`openSqliteStateStore({ path })` from @provisionkit/store-sqlite).
  const kit = createProvisionKit({
    plugins: [mockProvider, lastpassProvider],
    logger: options.logger,
    store: createMemoryStateStore(),
  });
  try {
    const connections = [
      await kit.connect({ provider: 'mock', tenant: 'acme', config: { apiKey: 'acme-demo-key' } }),
      // As a customer's revoked token would: every check and operation is refused.
      await kit.connect({ provider: 'mock', tenant: 'globex', config: { credentials: 'invalid' } }),
      await kit.connect({
        provider: 'lastpass',
        tenant: 'initech',
        config: {
          baseUrl: simulator.url,
          cid: simulator.credentials.cid,
          provhash: simulator.credentials.provhash,
          timeZone: 'America/New_York', // the simulator's clock zone, like a US account
        },
      }),
    ];
    const checked = [];
    for (const connection of connections) checked.push(await kit.health.check(connection));
    return {
      kit,
      connections,
      checked,
      simulator,
      async close() {
        await kit.close();
        await simulator.close();
      },
    };
  } catch (error) {
    await kit.close();
    await simulator.close();
    throw error;
  }
}
