import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Runs the contract kit over deliberately broken providers (`fixtures/*.contract.ts`, which the main
 * run does not pick up). Spawned by `contract-teeth.test.ts`; mirrors the root config's resolution.
 */
export default defineConfig({
  root,
  resolve: { conditions: ['@provisionkit/source'] },
  ssr: { resolve: { conditions: ['@provisionkit/source'] } },
  test: {
    include: ['packages/core/test/teeth/fixtures/*.contract.ts'],
    setupFiles: ['./vitest.setup.ts'],
    pool: 'threads',
    maxWorkers: 2,
    testTimeout: 10_000,
  },
});
