import 'reflect-metadata';
import { type Connection, createProvisionKit, silentLogger, type TelemetryOptions } from '@provisionkit/core';
import type { LastPassConfigInput } from '@provisionkit/provider-lastpass';
import { lastpassProvider } from '@provisionkit/provider-lastpass';
import { BATCH_SIZE, PAGE_SIZE } from './bench-settings.js';
import type { RemoteSimulator } from './simulator-host.js';

/**
 * The connection under test, made the way an application makes it. Two settings differ from the
 * defaults, both to measure the client rather than its politeness: the request rate cap (default
 * 5/s, which alone would take 6 s for 31 calls) is raised to its maximum, and logging is silent
 * (the table is the output). Concurrency (4), page size and batch size stay at their defaults.
 * `telemetry`: the kit's tracer and meter providers (default: the global ones, a no-op here).
 */
export async function connectProvider(
  simulator: RemoteSimulator,
  telemetry?: TelemetryOptions,
): Promise<Connection> {
  const kit = createProvisionKit({
    plugins: [lastpassProvider],
    logger: silentLogger(),
    ...(telemetry === undefined
      ? {}
      : { telemetry: { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider } }),
  });
  const config: LastPassConfigInput = {
    baseUrl: simulator.url,
    cid: simulator.credentials.cid,
    provhash: simulator.credentials.provhash,
    timeZone: 'America/New_York',
    limits: { requestsPerSecond: 10_000 },
    pageSize: PAGE_SIZE,
    batchSize: BATCH_SIZE,
  };
  return kit.connect({ provider: 'lastpass', tenant: 'bench', config });
}
