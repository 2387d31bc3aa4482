import { z } from 'zod';
import { PluginId, TenantId } from '../composition/kit-options.js';
import type { ProvisionEvent } from './provision-event.js';

export const DEFAULT_EVENT_RETENTION_DAYS = 30;

/** `listEvents` input: one tenant's events (or one connection's, with `provider`) after a cursor. */
export const EventListQuery = z.strictObject({
  tenant: TenantId,
  provider: PluginId.optional(),
  /** A cursor from an event or from a page's `next`; absent: the oldest event retained. */
  after: z.string().max(32).optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type EventListQuery = z.input<typeof EventListQuery>;

/** A page of the log. Pass `next` as `after` to continue; fewer than `limit` events means caught up. */
export interface EventPage {
  readonly events: readonly ProvisionEvent[];
  readonly next: string;
}
