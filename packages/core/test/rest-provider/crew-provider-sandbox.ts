import { randomUUID } from 'node:crypto';
import type { ProviderSandbox } from '@provisionkit/core';
import type { z } from 'zod';
import type { crewConfigSchema } from './crew-config.js';
import { CrewSandbox } from './crew-sandbox.js';

/** Crew's sandbox for the contract kit: a fresh Crew server per test; an unknown token is wrong. */
export function crewSandbox(): ProviderSandbox<z.input<typeof crewConfigSchema>> {
  return {
    account: async () => {
      const apiToken = `crew_${randomUUID()}`;
      const sandbox = await CrewSandbox.start({ apiToken });
      return { config: { baseUrl: sandbox.baseUrl, apiToken }, release: () => sandbox.stop() };
    },
    withInvalidCredentials: (config) => ({ ...config, apiToken: `crew_${randomUUID()}` }),
  };
}
