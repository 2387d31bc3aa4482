import { defineConfig } from 'vitest/config';

// Tests run from TypeScript sources: the custom export condition points each
// workspace package at its `src/` entry, so `pnpm test` needs no build step.
export default defineConfig({
  resolve: { conditions: ['@provisionkit/source'] },
  ssr: { resolve: { conditions: ['@provisionkit/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 20_000,
  },
});
