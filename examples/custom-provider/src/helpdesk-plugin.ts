import { defineProviderPlugin } from '@provisionkit/core';
import { HELPDESK_PROVIDER_ID, helpdeskCapabilities } from './helpdesk-capabilities.js';
import { helpdeskConfigSchema } from './helpdesk-config.js';
import { HelpdeskDirectory } from './helpdesk-directory.js';

/** What a host puts in `createProvisionKit({ plugins: [helpdeskProvider] })`. */
export const helpdeskProvider = defineProviderPlugin({
  id: HELPDESK_PROVIDER_ID,
  displayName: 'Helpdesk',
  configSchema: helpdeskConfigSchema,
  capabilities: helpdeskCapabilities,
  // Called once per connection: each customer gets its own directory, HTTP client and rate budget.
  createDirectory: ({ config, logger }) => new HelpdeskDirectory(config, logger),
});
