import { defineProviderPlugin, UserDirectory } from '@provisionkit/core';
import { ContainerModule } from 'inversify';
import { HelpdeskApi } from './helpdesk-api.js';
import { HELPDESK_PROVIDER_ID, helpdeskCapabilities } from './helpdesk-capabilities.js';
import { helpdeskConfigSchema } from './helpdesk-config.js';
import { HelpdeskUserDirectory } from './helpdesk-user-directory.js';
import { InMemoryHelpdeskApi } from './in-memory-helpdesk-api.js';

/** What a host puts in `createProvisionKit({ plugins: [helpdeskProvider] })`. */
export const helpdeskProvider = defineProviderPlugin({
  id: HELPDESK_PROVIDER_ID,
  displayName: 'Helpdesk',
  configSchema: helpdeskConfigSchema,
  capabilities: helpdeskCapabilities,
  // Loaded into each connection's own container: singletons here are per customer, never shared.
  createModule: () =>
    new ContainerModule(({ bind }) => {
      bind<HelpdeskApi>(HelpdeskApi).to(InMemoryHelpdeskApi).inSingletonScope();
      bind(UserDirectory).to(HelpdeskUserDirectory).inSingletonScope();
    }),
});
