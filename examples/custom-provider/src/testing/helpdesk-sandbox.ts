import { randomUUID } from 'node:crypto';
import type { ProviderSandbox } from '@provisionkit/core';
import type { HelpdeskConfigInput } from '../helpdesk-config.js';
import { HelpdeskServer } from './helpdesk-server.js';

/**
 * Where Helpdesk's contract tests connect: a fresh Helpdesk server (one account) per test on
 * 127.0.0.1, stopped when the test ends. A token the account does not know is the wrong credential.
 */
export function helpdeskSandbox(): ProviderSandbox<HelpdeskConfigInput> {
  return {
    account: async () => {
      const apiToken = `hd_${randomUUID()}`;
      const server = await HelpdeskServer.start({ apiToken });
      return { config: { baseUrl: server.baseUrl, apiToken }, release: () => server.stop() };
    },
    withInvalidCredentials: (config) => ({ ...config, apiToken: `hd_${randomUUID()}` }),
  };
}
