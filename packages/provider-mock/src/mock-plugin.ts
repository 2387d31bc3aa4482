import { defineProviderPlugin, NotFoundError, type ProviderPlugin } from '@provisionkit/core';
import { mockCapabilities } from './mock-capabilities.js';
import type { MockClock } from './mock-clock.js';
import { mockConfigSchema } from './mock-config.js';
import { MockUserDirectory } from './mock-user-directory.js';

export interface MockProviderOptions {
  /** Clock of every connection of this plugin (`createdAt`, `checkedAt`). Default: system clock. */
  readonly now?: MockClock;
}

/**
 * The mock's plugin descriptor, plus a way back to the raw directories it created: through
 * `connect()` a host holds core's wrapped directory, which does not expose `faults` or `stats`.
 */
export interface MockProviderPlugin extends ProviderPlugin<typeof mockConfigSchema> {
  /** The raw directory of the latest connection opened for `tenant`; `NotFoundError` before any. */
  directoryFor(tenant: string): MockUserDirectory;
  /** Forgets the remembered directories (they keep working for whoever holds them). */
  forgetDirectories(): void;
}

/** A fresh plugin instance: use one per test to keep `directoryFor` isolated between tests. */
export function createMockProvider(options: MockProviderOptions = {}): MockProviderPlugin {
  const directories = new Map<string, MockUserDirectory>();
  const plugin = defineProviderPlugin({
    id: 'mock',
    displayName: 'In-memory mock',
    configSchema: mockConfigSchema,
    capabilities: mockCapabilities(),
    // `createsInvitedUsers`, `maxBatchSize`, `userNameFormat` and `emailIsUserName` follow the
    // connection's config.
    refineCapabilities: (config) => {
      const { verbs: _declaredOnce, ...refined } = mockCapabilities(config);
      return refined;
    },
    // No container: a connection is its directory (about 2 KB).
    createDirectory: ({ config, context }) => {
      const directory = new MockUserDirectory(config, context, options.now);
      directories.set(context.tenant, directory);
      return directory;
    },
  });
  return {
    ...plugin,
    directoryFor: (tenant) => {
      const directory = directories.get(tenant);
      if (directory === undefined) {
        throw new NotFoundError(`No mock connection was opened for tenant ${tenant}`, { provider: 'mock' });
      }
      return directory;
    },
    forgetDirectories: () => directories.clear(),
  };
}

/**
 * Shared default instance. Its `directoryFor` memory spans the whole process; tests that use it
 * should call `forgetDirectories()` or prefer `createMockProvider()`.
 */
export const mockProvider: MockProviderPlugin = createMockProvider();
