import {
  createProvisionKit,
  type ProvisionKit,
  silentLogger,
  type UserDirectory,
  wrapDirectory,
} from '@provisionkit/core';
import { describeUserDirectoryContract } from '@provisionkit/core/testing';
import { createMockDirectory } from './create-mock-directory.js';
import { mockCapabilities } from './mock-capabilities.js';
import { createMockProvider } from './mock-plugin.js';

describeUserDirectoryContract({
  name: 'mock',
  capabilities: mockCapabilities(),
  factory: () => wrapDirectory(createMockDirectory()),
  invalidCredentialsFactory: () => {
    const directory = createMockDirectory();
    directory.faults.rejectCredentials();
    return wrapDirectory(directory);
  },
});

// The other branches of the contract: invited users (cancelInvitation) and batches split by core.
describeUserDirectoryContract({
  name: 'mock inviting users, batches of 2',
  factory: () => wrapDirectory(createMockDirectory({ createsInvitedUsers: true, maxBatchSize: 2 })),
});

// What hosts hold: a directory opened through the composition API, with a secret in its config.
const apiKey = `mock-key-${Math.random().toString(36).slice(2)}`;
const kits = new Map<UserDirectory, ProvisionKit>();
describeUserDirectoryContract({
  name: 'mock through createProvisionKit().connect()',
  secrets: [apiKey],
  factory: async () => {
    const kit = createProvisionKit({ plugins: [createMockProvider()], logger: silentLogger() });
    const { directory } = await kit.connect({ provider: 'mock', tenant: 't1', config: { apiKey } });
    kits.set(directory, kit);
    return directory;
  },
  // Closing the kit closes the connection: the kit checks what that does to operations in flight.
  close: (directory) => kits.get(directory)?.close(),
  teardown: async (directory) => {
    await kits.get(directory)?.close();
    kits.delete(directory);
  },
});
