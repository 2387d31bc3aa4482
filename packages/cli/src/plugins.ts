import type { ProviderPlugin } from '@provisionkit/core';
import { lastpassProvider } from '@provisionkit/provider-lastpass';
import { createMockProvider } from '@provisionkit/provider-mock';

/**
 * The providers the command knows. The mock keeps its users in memory per process (seed them with
 * `--set seed=[...]`): for trying commands, not for real directories.
 */
export function cliPlugins(): ProviderPlugin[] {
  return [lastpassProvider, createMockProvider()];
}
