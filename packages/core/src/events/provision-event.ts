import { z } from 'zod';
import { ERROR_CODES } from '../errors/provisioning-error.js';
import { IsoTimestamp } from '../model/primitives.js';
import { User } from '../model/user.js';
import {
  ConnectionOperationFailingEvent,
  ConnectionOperationRecoveredEvent,
  ConnectionQuarantinedEvent,
  ConnectionRecoveredEvent,
  ConnectionUnhealthyEvent,
} from './connection-events.js';
import { EVENT_COMMON as Common } from './event-common.js';
import { FieldChange } from './field-changes.js';

/** Who made the change: a sync run that detected it, or a write made through provisionkit. */
export const EventSource = z.enum(['sync', 'provisionkit']);
export type EventSource = z.infer<typeof EventSource>;

/** The user as the snapshot records it (every `User` field but `lastLoginAt`). */
export const EventUser = User.omit({ lastLoginAt: true });

const UserCommon = {
  ...Common,
  source: EventSource,
  userId: z.string().min(1),
  /** 1 when the log first saw the user, +1 with each change: ignore an event older than what you hold. */
  version: z.number().int().positive(),
  /** The sync run that detected the change (source `sync` only). */
  runId: z.string().min(1).optional(),
};

export const UserCreatedEvent = z.object({
  ...UserCommon,
  type: z.literal('user.created'),
  data: z.object({ user: EventUser }),
});
export const UserUpdatedEvent = z.object({
  ...UserCommon,
  type: z.literal('user.updated'),
  /** `user` is the new state; `changes` lists each changed field with before and after. */
  data: z.object({ user: EventUser, changes: z.array(FieldChange).min(1) }),
});
export const UserDeletedEvent = z.object({
  ...UserCommon,
  type: z.literal('user.deleted'),
  /** The last state the log knew. */
  data: z.object({ user: EventUser }),
});

/** Counts of one sync run. */
export const SyncCounts = z.object({
  /** Users the enumeration returned. */
  enumerated: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  deleted: z.number().int().nonnegative(),
  /** Updates that suspended a user (counted in `updated` too). */
  suspended: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
});
export type SyncCounts = z.infer<typeof SyncCounts>;

export const SyncMode = z.enum(['full', 'changes']);
export type SyncMode = z.infer<typeof SyncMode>;

/** Why a run did not complete (or, for `completed`, nothing). */
export const SyncReason = z.enum([
  'enumeration_failed',
  'aborted',
  'interrupted',
  'mass_change',
  'rejected',
  'stale',
  'store_failed',
]);
export type SyncReason = z.infer<typeof SyncReason>;

/** The mass-change guard's verdict: `changes` (deletions + suspensions) against `limit`. */
export const GuardVerdict = z.object({
  changes: z.number().int().nonnegative(),
  limit: z.number().nonnegative(),
  /** Users of the last complete enumeration the share was taken of. */
  base: z.number().int().nonnegative(),
});
export type GuardVerdict = z.infer<typeof GuardVerdict>;

export const ErrorSummary = z.object({ code: z.enum(ERROR_CODES), message: z.string() });
export type ErrorSummary = z.infer<typeof ErrorSummary>;

const SyncData = z.object({
  mode: SyncMode,
  counts: SyncCounts,
  startedAt: IsoTimestamp,
  durationMs: z.number().nonnegative(),
});

export const SyncCompletedEvent = z.object({
  ...Common,
  type: z.literal('sync.completed'),
  source: z.literal('sync'),
  runId: z.string().min(1),
  data: SyncData,
});
export const SyncHeldEvent = z.object({
  ...Common,
  type: z.literal('sync.held'),
  source: z.literal('sync'),
  runId: z.string().min(1),
  data: SyncData.extend({ guard: GuardVerdict }),
});
export const SyncFailedEvent = z.object({
  ...Common,
  type: z.literal('sync.failed'),
  source: z.literal('sync'),
  runId: z.string().min(1),
  data: SyncData.extend({ reason: SyncReason, error: ErrorSummary.optional() }),
});

/** Why the delivery worker disabled an endpoint. */
export const WebhookDisabledReason = z.enum(['gone', 'failing']);
export type WebhookDisabledReason = z.infer<typeof WebhookDisabledReason>;

/**
 * The delivery worker disabled an endpoint: it answered `410 Gone` (`gone`), or every attempt
 * failed for longer than the worker allows (`failing`). Filed under the endpoint's provider, or
 * under `provisionkit` for an endpoint of every provider of the tenant. The URL is not included
 * (it may carry a token): `host` names the endpoint.
 */
export const WebhookDisabledEvent = z.object({
  ...Common,
  type: z.literal('webhook.disabled'),
  source: z.literal('provisionkit'),
  data: z.object({
    subscriptionId: z.string().min(1),
    host: z.string(),
    reason: WebhookDisabledReason,
    /** When the run of failed attempts began (`failing`). */
    failingSince: IsoTimestamp.optional(),
    /** The last answer's status (`410` for `gone`), when there was one. */
    statusCode: z.number().int().optional(),
  }),
});

/** Every event the log holds; `type` tells them apart. */
export const ProvisionEvent = z.discriminatedUnion('type', [
  UserCreatedEvent,
  UserUpdatedEvent,
  UserDeletedEvent,
  SyncCompletedEvent,
  SyncHeldEvent,
  SyncFailedEvent,
  WebhookDisabledEvent,
  ConnectionUnhealthyEvent,
  ConnectionQuarantinedEvent,
  ConnectionRecoveredEvent,
  ConnectionOperationFailingEvent,
  ConnectionOperationRecoveredEvent,
]);
export type ProvisionEvent = z.infer<typeof ProvisionEvent>;
export type UserEvent = Extract<ProvisionEvent, { type: `user.${string}` }>;
export type SyncEvent = Extract<ProvisionEvent, { type: `sync.${string}` }>;
export type ConnectionEvent = Extract<ProvisionEvent, { type: `connection.${string}` }>;
export type EventType = ProvisionEvent['type'];
export const EVENT_TYPES = ProvisionEvent.options.map((option) => option.shape.type.value) as EventType[];

/**
 * An event before the store gives it its place: the store adds `sequence` (per connection) and
 * `cursor` (in the whole log) when it commits it.
 */
export type EventDraft = ProvisionEvent extends infer E
  ? E extends ProvisionEvent
    ? Omit<E, 'sequence' | 'cursor'>
    : never
  : never;
