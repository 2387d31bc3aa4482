import { defineProviderPlugin, type ProviderPlugin } from '@provisionkit/core';
import { PROVIDER_ID } from '../client/index.js';
import { lastpassCapabilities } from '../directory/capabilities.js';
import { LastPassConfig } from './lastpass-config.js';
import { createLastPassModule } from './lastpass-module.js';

/**
 * The LastPass Enterprise provider, for `createProvisionKit({ plugins: [lastpassProvider] })`.
 * Each `connect({ provider: 'lastpass', tenant, config })` gets its own client, limiter and caches.
 */
export const lastpassProvider: ProviderPlugin<typeof LastPassConfig> = defineProviderPlugin({
  id: PROVIDER_ID,
  displayName: 'LastPass Enterprise',
  configSchema: LastPassConfig,
  capabilities: lastpassCapabilities(),
  // A connection's listings default to its configured `pageSize`.
  refineCapabilities: (config) => ({ defaultPageSize: config.pageSize }),
  createModule: createLastPassModule,
});
