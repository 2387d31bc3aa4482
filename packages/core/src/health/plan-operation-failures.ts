import type { EventDraft } from '../events/provision-event.js';
import { operationFailingDraft, operationRecoveredDraft } from './health-events.js';
import type { HealthObservation, HealthVerdict } from './health-observation.js';
import type { HealthPolicy } from './health-policy.js';
import type { ConnectionHealth, FailingOperation } from './health-record.js';

type Operation = Extract<HealthObservation, { kind: 'operation' }>;

/**
 * The per-operation half of `planHealth`: what an operation's outcome does to that operation's
 * run of failures in `record` (the connection's state already decided). Undefined when nothing
 * changes. A failure counts when it is not about credentials (those make the connection unhealthy
 * at once, and are announced as such); `operationFailuresAfter` of them in a row, while the
 * connection is healthy, log `connection.operation_failing` once; the operation's next success
 * ends the run, with `connection.operation_recovered` if it was logged. While the connection is
 * unhealthy the count goes on without an event (the connection's own event says more), and the
 * first failure after it recovered logs it if the run is still long enough.
 */
export function planOperationFailures(
  record: ConnectionHealth,
  observation: Operation,
  verdict: HealthVerdict,
  policy: HealthPolicy,
): { record: ConnectionHealth; events: EventDraft[] } | undefined {
  const failing = record.failingOperations ?? [];
  const current = failing.find((entry) => entry.operation === observation.operation);
  const others = failing.filter((entry) => entry !== current);
  if (verdict.kind === 'success') {
    if (current === undefined) return undefined;
    const events =
      current.reportedAt === undefined ? [] : [operationRecoveredDraft(record, current, observation.at)];
    return { record: withFailing(record, others), events };
  }
  if (verdict.kind !== 'failure' || verdict.credentials !== undefined) return undefined;
  const next: FailingOperation = {
    operation: observation.operation,
    consecutiveFailures: (current?.consecutiveFailures ?? 0) + 1,
    failingSince: current?.failingSince ?? observation.at,
    lastError: { code: verdict.code, at: observation.at },
    ...(current?.reportedAt === undefined ? {} : { reportedAt: current.reportedAt }),
  };
  const events: EventDraft[] = [];
  if (
    next.reportedAt === undefined &&
    next.consecutiveFailures >= policy.operationFailuresAfter &&
    record.state === 'healthy'
  ) {
    next.reportedAt = observation.at;
    events.push(operationFailingDraft(record, next, observation.at));
  }
  return { record: withFailing(record, [...others, next]), events };
}

function withFailing(record: ConnectionHealth, failing: FailingOperation[]): ConnectionHealth {
  const next: ConnectionHealth = { ...record, failingOperations: failing };
  if (failing.length === 0) delete next.failingOperations;
  return next;
}
