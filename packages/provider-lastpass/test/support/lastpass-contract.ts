import { randomBytes } from 'node:crypto';
import type { ProvisionKit, UserDirectory } from '@provisionkit/core';
import { describeUserDirectoryContract } from '@provisionkit/core/testing';
import { afterAll, beforeAll } from 'vitest';
import { lastpassProvider } from '../../src/index.js';
import {
  type LastPassSimulator,
  type SimulatorQuirks,
  startLastPassSimulator,
} from '../../src/testing/index.js';
import { connectTo } from './connect.js';

/**
 * Runs core's contract kit against one simulator (over real HTTP) through
 * `createProvisionKit({ plugins: [lastpassProvider] }).connect(...)`, as hosts use it.
 */
export function describeLastPassContract(name: string, quirks: Partial<SimulatorQuirks> = {}): void {
  // Known before the suite is collected: the kit reads its secrets then.
  const provhash = randomBytes(32).toString('hex');
  let simulator: LastPassSimulator;
  const kits = new Map<UserDirectory, ProvisionKit>();
  beforeAll(async () => {
    simulator = await startLastPassSimulator({ provhash, seed: { users: 25, random: 11 }, quirks });
  });
  afterAll(() => simulator.close());

  const open = async (wrongProvhash?: string): Promise<UserDirectory> => {
    const { kit, connection } = await connectTo(
      simulator,
      wrongProvhash === undefined ? {} : { provhash: wrongProvhash },
    );
    const directory = connection.directory;
    kits.set(directory, kit);
    return directory;
  };

  describeUserDirectoryContract({
    name,
    capabilities: lastpassProvider.capabilities,
    factory: () => open(),
    invalidCredentialsFactory: () => open(`wrong-${'0'.repeat(58)}`),
    // Closing the kit closes the connection: the kit checks that nothing goes on afterwards.
    close: (directory) => kits.get(directory)?.close(),
    teardown: async (directory) => {
      await kits.get(directory)?.close();
      kits.delete(directory);
    },
    secrets: [provhash],
  });
}
