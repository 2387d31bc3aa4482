import { defineProviderPlugin, type ProviderPlugin } from '@provisionkit/core';
import { LastPassClient, PROVIDER_ID } from '../client/index.js';
import { lastpassCapabilities } from '../directory/capabilities.js';
import { LastPassConnectionClient } from '../directory/connection-client.js';
import { LastPassUserDirectory } from '../directory/lastpass-user-directory.js';
import { LastPassUserLocator, UserLocator } from '../directory/user-locator.js';
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
  // The directory without a container (a connection then costs a few KB); the module serves
  // `connection.get(LastPassApi)` and shares the client and locator provided here.
  createDirectory: ({ config, context, logger, provide }) => {
    const client = provide(LastPassConnectionClient, new LastPassClient(config, logger));
    const locator = provide(UserLocator, new LastPassUserLocator(client, config));
    return new LastPassUserDirectory(client, locator, config, context, logger);
  },
  createModule: createLastPassModule,
});
