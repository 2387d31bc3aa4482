import { randomUUID } from 'node:crypto';
import { createProvisionKit, type ProviderPlugin, silentLogger } from '@provisionkit/core';
import { telemetryHarness } from '../../src/telemetry/telemetry-test-helpers.js';
import { crewProvider } from '../rest-provider/crew-provider.js';
import { CrewSandbox, type CrewSandboxOptions } from '../rest-provider/crew-sandbox.js';

/** A kit whose telemetry goes to an in-memory SDK, and the harness to read it. */
export function tracedKit(plugins: readonly ProviderPlugin[]) {
  const harness = telemetryHarness();
  const { tracerProvider, meterProvider } = harness;
  const kit = createProvisionKit({
    plugins: [...plugins],
    logger: silentLogger(),
    telemetry: { tracerProvider, meterProvider },
  });
  return {
    kit,
    harness,
    async close() {
      await kit.close();
      await harness.shutdown();
    },
  };
}

/** The Crew sandbox (a REST API on 127.0.0.1) and a traced connection to it for tenant `acme`. */
export async function tracedCrew(options: Partial<CrewSandboxOptions> = {}) {
  const apiToken = `crew_${randomUUID()}`;
  const sandbox = await CrewSandbox.start({ apiToken, ...options });
  const traced = tracedKit([crewProvider]);
  const connection = await traced.kit.connect({
    provider: 'crew',
    tenant: 'acme',
    config: { baseUrl: sandbox.baseUrl, apiToken },
  });
  return {
    ...traced,
    sandbox,
    apiToken,
    directory: connection.directory,
    async close() {
      await traced.close();
      await sandbox.stop();
    },
  };
}
