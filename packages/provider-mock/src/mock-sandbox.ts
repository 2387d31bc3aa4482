import type { ProviderSandbox } from '@provisionkit/core';
import type { MockConfigInput } from './mock-config.js';

let accounts = 0;

/**
 * The mock's sandbox for `describeProviderContract`: each account is the in-memory store of one
 * connection, with an API key of its own (so the kit checks it never shows). Wrong credentials are
 * the `credentials: 'invalid'` config. `config` is added to every account (`createsInvitedUsers`,
 * `maxBatchSize`, `seed`).
 */
export function mockSandbox(config: Omit<MockConfigInput, 'apiKey'> = {}): ProviderSandbox<MockConfigInput> {
  return {
    account: () => {
      accounts += 1;
      const apiKey = `mock-key-${accounts}-${Math.random().toString(36).slice(2, 12)}`;
      return { config: { ...config, apiKey } };
    },
    withInvalidCredentials: (valid) => ({ ...valid, credentials: 'invalid' }),
  };
}
