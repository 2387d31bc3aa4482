export {
  type AgentPage,
  type HelpdeskAgent,
  HelpdeskApi,
  HelpdeskApiFailure,
  type HelpdeskFailure,
  type NewHelpdeskAgent,
} from './helpdesk-api.js';
export { HELPDESK_PROVIDER_ID, type HelpdeskVerb, helpdeskCapabilities } from './helpdesk-capabilities.js';
export { type HelpdeskConfig, type HelpdeskConfigInput, helpdeskConfigSchema } from './helpdesk-config.js';
export { helpdeskProvider } from './helpdesk-plugin.js';
export { HelpdeskSandbox, helpdeskSandbox, helpdeskSandboxAt } from './helpdesk-sandbox.js';
export { HelpdeskUserDirectory } from './helpdesk-user-directory.js';
export { InMemoryHelpdeskApi } from './in-memory-helpdesk-api.js';
export { mapHelpdeskError } from './map-helpdesk-error.js';
