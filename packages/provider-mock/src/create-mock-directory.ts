import { parseInput } from '@provisionkit/core';
import { z } from 'zod';
import type { MockClock } from './mock-clock.js';
import type { MockConfigInput } from './mock-config.js';
import { MockUserDirectory } from './mock-user-directory.js';

export interface MockDirectoryOptions extends MockConfigInput {
  /** Provider id the directory reports (`directory.provider`, `error.provider`). Default `'mock'`. */
  readonly provider?: string;
  /** Default `'test'`. */
  readonly tenant?: string;
  /** Clock for `createdAt` / `checkedAt`. Default: the system clock. */
  readonly now?: MockClock;
}

// Only the connection fields; the config fields are checked by the directory with `mockConfigSchema`.
const ConnectionOptions = z.object({
  provider: z.string().min(1).optional(),
  tenant: z.string().min(1).optional(),
  now: z.custom<MockClock>((value) => typeof value === 'function', 'must be a function').optional(),
});

/**
 * A ready directory without a container, for unit tests. Config fields are validated like a
 * connection's config (`InvalidInputError` on a bad seed or an unknown option).
 */
export function createMockDirectory(options: MockDirectoryOptions = {}): MockUserDirectory {
  parseInput(ConnectionOptions, options, { argument: 'options', what: 'createMockDirectory options' });
  const { provider = 'mock', tenant = 'test', now, ...config } = options;
  return new MockUserDirectory(
    config,
    { provider, tenant, connectionId: `${provider}:${tenant}:direct` },
    now,
  );
}
