import { z } from 'zod';
import { PluginId, TenantId } from '../composition/kit-options.js';
import { EVENT_TYPES, type EventType } from '../events/provision-event.js';
import type { WebhookStatus, WebhookSubscription } from '../state/webhook-records.js';

/**
 * An endpoint as hosts see it: the subscription without its secrets (only when each was created
 * and when an overlapping one expires). The secret is handed out once, by `subscribe` and
 * `rotateSecret`.
 */
export interface WebhookEndpoint {
  readonly id: string;
  readonly tenant: string;
  readonly provider?: string | undefined;
  readonly url: string;
  readonly eventTypes?: readonly string[] | undefined;
  readonly status: WebhookStatus;
  readonly disabledReason?: string | undefined;
  readonly disabledAt?: string | undefined;
  /** When its current run of failed attempts began; absent while it is healthy. */
  readonly failingSince?: string | undefined;
  readonly secrets: readonly { readonly createdAt: string; readonly expiresAt?: string }[];
  /** How far the event log has been turned into deliveries for it. */
  readonly cursor: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toEndpoint(subscription: WebhookSubscription): WebhookEndpoint {
  const { secrets, ...rest } = subscription;
  return {
    ...rest,
    secrets: secrets.map(({ createdAt, expiresAt }) => ({
      createdAt,
      ...(expiresAt === undefined ? {} : { expiresAt }),
    })),
  };
}

const EventTypeName = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);

export const SubscribeInput = z.strictObject({
  tenant: TenantId,
  /** Only this provider's events; absent: every provider of the tenant. */
  provider: PluginId.optional(),
  url: z.string(),
  /** Only these event types; absent: all. */
  eventTypes: z.array(EventTypeName).min(1).optional(),
  /** A cursor: deliver the events logged after it (history); default: only events logged from now on. */
  startAfter: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a cursor')
    .optional(),
  /** The endpoint's id; default a random `wh_...`. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 _ . : -')
    .optional(),
});
export type SubscribeInput = z.input<typeof SubscribeInput>;

export const EndpointPatch = z.strictObject({
  url: z.string().optional(),
  /** `null`: every event type again. */
  eventTypes: z.array(EventTypeName).min(1).nullable().optional(),
});
export type EndpointPatch = z.input<typeof EndpointPatch>;

export const RotateSecretOptions = z
  .strictObject({
    /** How long the previous secret keeps signing beside the new one. Default 24 hours. */
    overlapMs: z
      .number()
      .int()
      .nonnegative()
      .max(30 * 24 * 3_600_000)
      .optional(),
  })
  .optional();
export type RotateSecretOptions = NonNullable<z.input<typeof RotateSecretOptions>>;

export const DeliveryListQuery = z.strictObject({
  endpointId: z.string().min(1),
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
  /** A delivery id: the deliveries created after it. */
  after: z.string().min(1).optional(),
  limit: z.number().int().positive().max(1000).default(100),
});
export type DeliveryListQuery = z.input<typeof DeliveryListQuery>;

export const EndpointListQuery = z
  .strictObject({ tenant: TenantId.optional(), status: z.enum(['enabled', 'disabled']).optional() })
  .optional();
export type EndpointListQuery = NonNullable<z.input<typeof EndpointListQuery>>;
