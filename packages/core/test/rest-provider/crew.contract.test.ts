import { randomUUID } from 'node:crypto';
import {
  createProvisionKit,
  resolveCapabilities,
  silentLogger,
  type UserDirectory,
} from '@provisionkit/core';
import { describeUserDirectoryContract } from '@provisionkit/core/testing';
import { afterAll } from 'vitest';
import { crewProvider } from './crew-provider.js';
import { CrewSandbox } from './crew-sandbox.js';

const apiToken = `crew_${randomUUID()}`;
const kit = createProvisionKit({ plugins: [crewProvider], logger: silentLogger() });
const stops = new Map<UserDirectory, () => Promise<void>>();
afterAll(() => kit.close());

async function connect(token: string): Promise<UserDirectory> {
  const sandbox = await CrewSandbox.start({ apiToken });
  const connection = await kit.connect({
    provider: 'crew',
    tenant: 'acme',
    config: { baseUrl: sandbox.baseUrl, apiToken: token },
  });
  stops.set(connection.directory, async () => {
    await connection.close();
    await sandbox.stop();
  });
  return connection.directory;
}

describeUserDirectoryContract({
  name: 'crew (a REST provider built on @provisionkit/core/http)',
  capabilities: resolveCapabilities(crewProvider.capabilities),
  secrets: [apiToken],
  factory: () => connect(apiToken),
  invalidCredentialsFactory: () => connect(`crew_${randomUUID()}`),
  teardown: async (directory) => {
    await stops.get(directory)?.();
    stops.delete(directory);
  },
});
