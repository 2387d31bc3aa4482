export { HELPDESK_PROVIDER_ID, type HelpdeskVerb, helpdeskCapabilities } from './helpdesk-capabilities.js';
export { type HelpdeskConfig, type HelpdeskConfigInput, helpdeskConfigSchema } from './helpdesk-config.js';
export { HelpdeskDirectory } from './helpdesk-directory.js';
export { helpdeskProvider } from './helpdesk-plugin.js';
export { AgentPage, HelpdeskAgent, TokenInfo } from './helpdesk-wire.js';
export { mapHelpdeskError } from './map-helpdesk-error.js';
