import {
  type Connection,
  createProvisionKit,
  type Logger,
  type ProvisionKit,
  silentLogger,
} from '@provisionkit/core';
import { lastpassProvider } from '../../src/index.js';
import type { LastPassConfigInput } from '../../src/plugin/lastpass-config.js';
import type { LastPassSimulator } from '../../src/testing/index.js';

/**
 * Settings that keep tests fast: no rate limit worth the name, tiny back-offs, short timeouts,
 * and the simulator's time zone (America/New_York by default).
 */
export function testConfig(
  simulator: LastPassSimulator,
  overrides: Partial<LastPassConfigInput> = {},
): LastPassConfigInput {
  return {
    baseUrl: simulator.url,
    cid: simulator.credentials.cid,
    provhash: simulator.credentials.provhash,
    timeZone: 'America/New_York',
    timeoutMs: 5_000,
    // A Retry-After beyond maxRetryAfterMs is not waited for: the simulator's faults ask for 1 s.
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1_000 },
    limits: { maxConcurrent: 8, requestsPerSecond: 10_000 },
    ...overrides,
  };
}

export interface OpenedConnection {
  readonly kit: ProvisionKit;
  readonly connection: Connection;
}

let tenants = 0;

/** A kit with only the LastPass plugin and one connection to the simulator. */
export async function connectTo(
  simulator: LastPassSimulator,
  overrides: Partial<LastPassConfigInput> = {},
  logger: Logger = silentLogger(),
): Promise<OpenedConnection> {
  const kit = createProvisionKit({ plugins: [lastpassProvider], logger });
  tenants += 1;
  const connection = await kit.connect({
    provider: 'lastpass',
    tenant: `tenant-${tenants}`,
    config: testConfig(simulator, overrides),
  });
  return { kit, connection };
}

/** The commands the simulator received since `from` (an index into its request log). */
export function commandsSince(simulator: LastPassSimulator, from: number): (string | null)[] {
  return simulator.requests.slice(from).map((request) => request.cmd);
}
