import type { ProviderPlugin } from '@provisionkit/core';
import { lastpassProvider } from '@provisionkit/provider-lastpass';
import { createMockProvider } from '@provisionkit/provider-mock';

/**
 * The mock's clock in the command: one fixed instant. Each run of the command builds the mock
 * again from its seed; with a moving clock every run would see other timestamps, so a plan made by
 * one run would always be stale for the next.
 */
const MOCK_INSTANT = new Date('2024-01-01T00:00:00.000Z');

/**
 * The providers the command knows. The mock keeps its users in memory per process (seed them with
 * `--set seed=[...]`): for trying commands, not for real directories.
 */
export function cliPlugins(): ProviderPlugin[] {
  return [lastpassProvider, createMockProvider({ now: () => new Date(MOCK_INSTANT) })];
}
