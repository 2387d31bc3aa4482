import { type Connection, createProvisionKit, type ProvisionKit, silentLogger } from '@provisionkit/core';
import {
  LastPassApi,
  LastPassClient,
  type LastPassClientConfigInput,
  type LastPassClientOptions,
  type LastPassConfigInput,
  lastpassProvider,
  parseLastPassClientConfig,
} from '../../src/index.js';
import { BASE_URL, CID, PROVHASH } from './reference-quirks-wire.js';

// Tiny back-offs and no rate limit worth the name: retries cost milliseconds, not seconds.
const FAST = {
  retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 20 },
  limits: { maxConcurrent: 8, requestsPerSecond: 10_000 },
} as const;

/** A wire client on the fake origin; `overrides` replace fields of the fast defaults. */
export function quirksClient(
  overrides: Partial<LastPassClientConfigInput> = {},
  options: LastPassClientOptions = {},
): LastPassClient {
  const config = parseLastPassClientConfig({
    cid: CID,
    provhash: PROVHASH,
    baseUrl: BASE_URL,
    ...FAST,
    ...overrides,
  });
  return new LastPassClient(config, silentLogger(), options);
}

export interface QuirksConnection {
  readonly connection: Connection;
  readonly directory: Connection['directory'];
  readonly api: LastPassApi;
}

const kits: ProvisionKit[] = [];
let tenants = 0;

/** A connection through `createProvisionKit().connect()` with the LastPass plugin only. */
export async function quirksConnection(
  overrides: Partial<LastPassConfigInput> = {},
): Promise<QuirksConnection> {
  const kit = createProvisionKit({ plugins: [lastpassProvider], logger: silentLogger() });
  kits.push(kit);
  tenants += 1;
  const connection = await kit.connect({
    provider: 'lastpass',
    tenant: `quirks-${tenants}`,
    config: {
      cid: CID,
      provhash: PROVHASH,
      baseUrl: BASE_URL,
      timeZone: 'America/New_York',
      timeoutMs: 5_000,
      ...FAST,
      ...overrides,
    },
  });
  return { connection, directory: connection.directory, api: connection.get<LastPassApi>(LastPassApi) };
}

/** Closes every kit opened since the last call. */
export async function closeQuirksConnections(): Promise<void> {
  const open = kits.splice(0);
  await Promise.all(open.map((kit) => kit.close()));
}
