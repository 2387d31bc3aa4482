import { metrics, trace } from '@opentelemetry/api';
import { createProvisionKit, silentLogger } from '@provisionkit/core';
import { createMockProvider } from '@provisionkit/provider-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { telemetryHarness } from '../../src/telemetry/telemetry-test-helpers.js';

const harness = telemetryHarness();
afterAll(async () => {
  trace.disable();
  metrics.disable();
  await harness.shutdown();
});

describe('telemetry without options: the global API providers', () => {
  it('records nothing and costs nothing visible before an SDK is registered, then follows it', async () => {
    // The kit is built before the host registers its SDK, as happens when modules load in any order.
    const kit = createProvisionKit({ plugins: [createMockProvider()], logger: silentLogger() });
    const { directory } = await kit.connect({
      provider: 'mock',
      tenant: 'acme',
      config: { seed: [{ userName: 'ada@example.com' }] },
    });
    await directory.getUser({ userName: 'ada@example.com' });
    expect(kit.telemetry.tracerProvider).toBeUndefined();

    trace.setGlobalTracerProvider(harness.tracerProvider);
    metrics.setGlobalMeterProvider(harness.meterProvider);
    await directory.getUser({ userName: 'ada@example.com' });
    for await (const _user of directory.listUsers()) {
      // drain
    }
    expect(harness.spans().map((span) => span.name)).toEqual([
      'provisionkit.getUser',
      'provisionkit.listUsers',
    ]);
    expect(await harness.total('provisionkit.operation.duration')).toBe(2);
    await kit.close();
  });
});
