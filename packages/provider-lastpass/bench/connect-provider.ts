import 'reflect-metadata';
import { type Connection, createProvisionKit, silentLogger, type TelemetryOptions } from '@provisionkit/core';
import type { LastPassConfigInput } from '@provisionkit/provider-lastpass';
import { lastpassProvider } from '@provisionkit/provider-lastpass';
import { BATCH_SIZE, PAGE_SIZE } from './bench-settings.js';
import type { RemoteSimulator } from './simulator-host.js';

/**
 * The connection under test, made the way an application makes it, with the default settings (the
 * adaptive rate, 4 requests in flight, page size and batch size); only logging is silent (the table
 * is the output). `telemetry`: the kit's tracer and meter providers (default: the global ones, a
 * no-op here).
 */
export async function connectProvider(
  simulator: Pick<RemoteSimulator, 'url' | 'credentials'>,
  overrides: Partial<LastPassConfigInput> = {},
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
    pageSize: PAGE_SIZE,
    batchSize: BATCH_SIZE,
    ...overrides,
  };
  return kit.connect({ provider: 'lastpass', tenant: 'bench', config });
}
