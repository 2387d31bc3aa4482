import { secret } from '@provisionkit/core';
import { BaseUrl } from '@provisionkit/core/http';
import { z } from 'zod';

/** What a host passes as `config` to `kit.connect({ provider: 'helpdesk', ... })`. */
export const helpdeskConfigSchema = z.strictObject({
  /** The customer's Helpdesk API, e.g. `https://acme.helpdesk.example/api/v2` (`http:` only to 127.0.0.1). */
  baseUrl: BaseUrl,
  /** Bearer token of an API user with the `agents:read` and `agents:write` scopes. */
  apiToken: secret(z.string().min(16)),
  /** Seat given to the users this connection creates. */
  seatType: z.enum(['full', 'light']).default('full'),
});
/** Config as a host writes it. */
export type HelpdeskConfigInput = z.input<typeof helpdeskConfigSchema>;
/** Config after validation, defaults applied: what `createDirectory` receives. */
export type HelpdeskConfig = z.output<typeof helpdeskConfigSchema>;
