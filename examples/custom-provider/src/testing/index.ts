// Test-only code, kept out of the main entry: a published provider ships it as `<package>/testing`.
export { type Answer, type ApiRequest, HelpdeskAccount, type StoredAgent } from './helpdesk-account.js';
export { helpdeskSandbox } from './helpdesk-sandbox.js';
export { HelpdeskServer, type HelpdeskServerOptions } from './helpdesk-server.js';
