import { z } from 'zod';
import { IsoTimestamp } from '../model/primitives.js';

/** Fields every event of the log has, whatever its type. */
export const EVENT_COMMON = {
  /** Unique, stable across redeliveries (Standard Webhooks uses it as `webhook-id`). */
  id: z.string().min(1),
  /** 1, 2, 3, ... per connection (tenant and provider), in commit order. */
  sequence: z.number().int().positive(),
  /** Opaque position in the whole log; pass it as `after` to read what follows. */
  cursor: z.string().min(1),
  time: IsoTimestamp,
  tenant: z.string().min(1),
  provider: z.string().min(1),
};
