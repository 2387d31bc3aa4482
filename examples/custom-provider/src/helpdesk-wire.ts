import { z } from 'zod';

/** An agent as Helpdesk's API sends it, checked by the toolkit's `jsonReader` on every answer. */
export const HelpdeskAgent = z.object({
  id: z.string(),
  login: z.string(),
  email: z.string().nullish(),
  full_name: z.string().nullish(),
  external_id: z.string().nullish(),
  role: z.enum(['admin', 'agent']),
  state: z.enum(['enabled', 'disabled']),
  created_at: z.string(),
});
export type HelpdeskAgent = z.infer<typeof HelpdeskAgent>;

/** `GET /agents`: one page, and the cursor of the next (`null` on the last page). */
export const AgentPage = z.object({ agents: z.array(HelpdeskAgent), next_cursor: z.string().nullish() });

/** `GET /me`: what the token may do. */
export const TokenInfo = z.object({ scopes: z.array(z.string()) });
