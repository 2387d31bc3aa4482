import { randomUUID } from 'node:crypto';
import { createProvisionKit, silentLogger, type UserDirectory } from '@provisionkit/core';
import { describeUserDirectoryContract } from '@provisionkit/core/testing';
import { afterAll } from 'vitest';
import { HelpdeskSandbox } from './helpdesk-sandbox.js';
import { helpdeskProvider } from './index.js';

// The connection's secret: the kit checks that no error it provokes ever shows it.
const apiToken = `hd_${randomUUID()}`;
const kit = createProvisionKit({ plugins: [helpdeskProvider], logger: silentLogger() });
const closers = new Map<UserDirectory, () => Promise<void>>();
afterAll(() => kit.close());

/** A fresh Helpdesk account per test, reached through a real connection: what hosts hold. */
async function connect(token: string): Promise<UserDirectory> {
  const sandbox = new HelpdeskSandbox({ apiToken });
  const config = { baseUrl: sandbox.baseUrl, apiToken: token };
  const connection = await kit.connect({ provider: 'helpdesk', tenant: 'acme', config });
  closers.set(connection.directory, async () => {
    await connection.close();
    sandbox.stop();
  });
  return connection.directory;
}

describeUserDirectoryContract({
  name: 'helpdesk',
  capabilities: helpdeskProvider.capabilities,
  secrets: [apiToken],
  factory: () => connect(apiToken),
  invalidCredentialsFactory: () => connect(`hd_${randomUUID()}`),
  // What a host does when it stops serving a customer; the kit checks it cancels work in flight.
  close: (directory) => closers.get(directory)?.(),
  teardown: async (directory) => {
    await closers.get(directory)?.();
    closers.delete(directory);
  },
});
