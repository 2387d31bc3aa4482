import { randomBytes } from 'node:crypto';
import type { ProviderSandbox } from '@provisionkit/core';
import type { LastPassConfigInput } from '../plugin/lastpass-config.js';
import type { SimulatorQuirks, SimulatorSeedOptions } from './simulator-options.js';
import { type LastPassSimulator, startLastPassSimulator } from './simulator-server.js';

export interface LastPassSandboxOptions {
  /** How the simulator departs from the documented API (see SIMULATOR.md). */
  readonly quirks?: Partial<SimulatorQuirks> | undefined;
  /** Users seeded before the suite; default 25 (so the kit never assumes an empty company). */
  readonly seed?: SimulatorSeedOptions | undefined;
  /** Connection settings over the sandbox's defaults. */
  readonly config?: Partial<LastPassConfigInput> | undefined;
}

/**
 * LastPass's sandbox for `describeProviderContract`: one simulator (real HTTP on 127.0.0.1) for the
 * whole suite, seeded with other users, a fresh `provhash` per sandbox, and connection settings that
 * keep tests fast (tiny back-offs, no rate limit worth the name, the simulator's time zone). A
 * wrong `provhash` is the wrong credential.
 */
export function lastpassSandbox(options: LastPassSandboxOptions = {}): ProviderSandbox<LastPassConfigInput> {
  const provhash = randomBytes(32).toString('hex');
  let simulator: LastPassSimulator | undefined;
  const running = (): LastPassSimulator => {
    if (simulator === undefined) throw new Error('the LastPass sandbox was not started');
    return simulator;
  };
  return {
    start: async () => {
      const seed = options.seed ?? { users: 25, random: 11 };
      simulator = await startLastPassSimulator({ provhash, seed, quirks: options.quirks ?? {} });
    },
    stop: () => simulator?.close(),
    account: () => {
      const { url, credentials } = running();
      return {
        config: {
          baseUrl: url,
          cid: credentials.cid,
          provhash: credentials.provhash,
          timeZone: 'America/New_York',
          timeoutMs: 5_000,
          retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 20 },
          limits: { maxConcurrent: 8, requestsPerSecond: 10_000 },
          ...options.config,
        },
      };
    },
    withInvalidCredentials: (config) => ({ ...config, provhash: `wrong-${'0'.repeat(58)}` }),
  };
}
