import type { EventDraft } from '../events/provision-event.js';
import type { Verb } from '../spi/verbs.js';
import { newEventId } from '../state/plan-change.js';
import type { ConnectionHealth, FailingOperation } from './health-record.js';

type Draft<T extends EventDraft['type']> = Extract<EventDraft, { type: T }>;

function common(health: ConnectionHealth, at: string) {
  return {
    id: newEventId(),
    source: 'provisionkit' as const,
    time: at,
    tenant: health.tenant,
    provider: health.provider,
  };
}

/** What `connection.unhealthy` and `connection.quarantined` say about the failing connection. */
function failing(health: ConnectionHealth) {
  return {
    consecutiveFailures: health.consecutiveFailures,
    failingSince: health.failingSince!,
    error: health.lastError!,
    ...(health.credentials === undefined || health.credentials.status === 'valid'
      ? {}
      : { credentials: health.credentials.status }),
  };
}

export function unhealthyDraft(health: ConnectionHealth, at: string): Draft<'connection.unhealthy'> {
  return {
    ...common(health, at),
    type: 'connection.unhealthy',
    data: {
      ...failing(health),
      ...(health.nextCheckAt === undefined ? {} : { nextCheckAt: health.nextCheckAt }),
    },
  };
}

export function quarantinedDraft(health: ConnectionHealth, at: string): Draft<'connection.quarantined'> {
  return {
    ...common(health, at),
    type: 'connection.quarantined',
    data: { ...failing(health), nextCheckAt: health.nextCheckAt! },
  };
}

/** `before` is the record as it was while failing. */
export function recoveredDraft(
  before: ConnectionHealth,
  after: ConnectionHealth,
  recoveredBy: Verb,
  at: string,
): Draft<'connection.recovered'> {
  return {
    ...common(after, at),
    type: 'connection.recovered',
    data: {
      from: before.state === 'quarantined' ? 'quarantined' : 'unhealthy',
      unhealthySince: before.unhealthySince ?? before.failingSince ?? at,
      ...(before.quarantinedAt === undefined ? {} : { quarantinedAt: before.quarantinedAt }),
      consecutiveFailures: before.consecutiveFailures,
      recoveredBy,
    },
  };
}

export function operationFailingDraft(
  health: ConnectionHealth,
  failing: FailingOperation,
  at: string,
): Draft<'connection.operation_failing'> {
  return {
    ...common(health, at),
    type: 'connection.operation_failing',
    data: {
      operation: failing.operation,
      consecutiveFailures: failing.consecutiveFailures,
      failingSince: failing.failingSince,
      error: { ...failing.lastError, operation: failing.operation },
    },
  };
}

/** `failing` is the operation's run of failures that this success ends. */
export function operationRecoveredDraft(
  health: ConnectionHealth,
  failing: FailingOperation,
  at: string,
): Draft<'connection.operation_recovered'> {
  return {
    ...common(health, at),
    type: 'connection.operation_recovered',
    data: {
      operation: failing.operation,
      consecutiveFailures: failing.consecutiveFailures,
      failingSince: failing.failingSince,
    },
  };
}
