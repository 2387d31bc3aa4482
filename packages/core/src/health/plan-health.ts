import type { EventDraft } from '../events/provision-event.js';
import type { ConnectionKey } from '../state/connection-key.js';
import { quarantinedDraft, recoveredDraft, unhealthyDraft } from './health-events.js';
import { type HealthObservation, type HealthVerdict, judge } from './health-observation.js';
import type { HealthPolicy } from './health-policy.js';
import type { ConnectionHealth } from './health-record.js';
import { planOperationFailures } from './plan-operation-failures.js';

/** A write of a connection's health: the new record and the events of its state changes. */
export interface HealthPlan {
  readonly record: ConnectionHealth;
  readonly events: EventDraft[];
}

export interface HealthPlanContext {
  readonly key: ConnectionKey;
  readonly policy: HealthPolicy;
  /** Numbers in [0, 1) for the jitter of the next check. */
  readonly random: () => number;
}

type Failure = Extract<HealthVerdict, { kind: 'failure' }>;

/**
 * The state machine of a connection's health, as one pure step: what `observation` does to
 * `current` (undefined: nothing recorded yet). Returns undefined when nothing changes, so a
 * working connection's operations write nothing. Every kit and process decides the same way:
 *
 * - a failure counts (`consecutiveFailures`); refused credentials, or `unhealthyAfter` failures in
 *   a row, make a healthy connection `unhealthy` (`connection.unhealthy`);
 * - `quarantineAfter` failures in a row quarantine it (`connection.quarantined`): its next check
 *   is `quarantineScheduleMs[0]` later, and each failed check moves one step down the schedule;
 * - any success makes an unhealthy or quarantined connection `healthy` (`connection.recovered`);
 * - each operation's own run of failures is counted apart (`planOperationFailures`).
 */
export function planHealth(
  current: ConnectionHealth | undefined,
  observation: HealthObservation,
  context: HealthPlanContext,
): HealthPlan | undefined {
  const base = current ?? fresh(context.key, observation.at);
  if (observation.kind === 'checks') return planChecks(base, observation.enabled, observation.at);
  const verdict = judge(observation);
  if (verdict.kind === 'ignore') return undefined;
  let plan: HealthPlan | undefined =
    verdict.kind === 'success'
      ? planSuccess(base, observation, context)
      : planFailure(base, observation, verdict, context);
  if (observation.kind === 'operation') {
    const operation = planOperationFailures(plan?.record ?? base, observation, verdict, context.policy);
    if (operation !== undefined)
      plan = { record: operation.record, events: [...(plan?.events ?? []), ...operation.events] };
  }
  if (plan === undefined) return undefined;
  return {
    record: { ...plan.record, revision: base.revision + 1, updatedAt: observation.at },
    events: plan.events,
  };
}

type Observed = Exclude<HealthObservation, { kind: 'checks' }>;

function planSuccess(base: ConnectionHealth, observation: Observed, context: HealthPlanContext) {
  const at = observation.at;
  const next: ConnectionHealth = { ...base, consecutiveFailures: 0 };
  delete next.failingSince;
  if (observation.kind === 'check') {
    next.credentials = { status: 'valid', checkedAt: at };
    next.nextCheckAt = later(at, context.policy.checkIntervalMs, context);
  } else if (base.credentials !== undefined && base.credentials.status !== 'valid') {
    // A call that worked shows the credentials work, whatever the last check said.
    next.credentials = { status: 'valid', checkedAt: at };
  }
  const events: EventDraft[] = [];
  if (base.state !== 'healthy') {
    next.state = 'healthy';
    delete next.unhealthySince;
    delete next.quarantinedAt;
    next.quarantineStep = 0;
    next.nextCheckAt = later(at, context.policy.checkIntervalMs, context);
    const operation = observation.kind === 'check' ? 'verifyCredentials' : observation.operation;
    events.push(recoveredDraft(base, next, operation, at));
  }
  if (events.length === 0 && sameRecord(base, next)) return undefined;
  return { record: next, events };
}

function planFailure(
  base: ConnectionHealth,
  observation: Observed,
  verdict: Failure,
  context: HealthPlanContext,
) {
  const { policy } = context;
  const at = observation.at;
  const operation = observation.kind === 'check' ? 'verifyCredentials' : observation.operation;
  const next: ConnectionHealth = {
    ...base,
    consecutiveFailures: base.consecutiveFailures + 1,
    failingSince: base.failingSince ?? at,
    lastError: { code: verdict.code, operation, at },
  };
  if (verdict.credentials !== undefined) {
    const message = observation.kind === 'check' ? observation.check.message?.slice(0, 500) : undefined;
    next.credentials = { status: verdict.credentials, checkedAt: at, ...(message ? { message } : {}) };
  }
  const events: EventDraft[] = [];
  if (base.state === 'healthy') {
    // Check again soon: a failure in a row of successes is confirmed or cleared quickly.
    next.nextCheckAt = earliest(base.nextCheckAt, later(at, policy.unhealthyCheckIntervalMs, context));
    if (verdict.definitive || next.consecutiveFailures >= policy.unhealthyAfter) {
      next.state = 'unhealthy';
      next.unhealthySince = at;
      next.nextCheckAt = later(at, policy.unhealthyCheckIntervalMs, context);
      events.push(unhealthyDraft(next, at));
    }
  } else if (base.state === 'unhealthy' && observation.kind === 'check') {
    next.nextCheckAt = later(at, policy.unhealthyCheckIntervalMs, context);
  }
  if (next.state === 'unhealthy' && next.consecutiveFailures >= policy.quarantineAfter) {
    next.state = 'quarantined';
    next.quarantinedAt = at;
    next.nextCheckAt = later(at, policy.quarantineScheduleMs[0]!, context);
    next.quarantineStep = 1;
    events.push(quarantinedDraft(next, at));
  } else if (base.state === 'quarantined' && observation.kind === 'check') {
    // Less and less often: each failed check moves one step down the schedule; the last repeats.
    const schedule = policy.quarantineScheduleMs;
    next.nextCheckAt = later(at, schedule[Math.min(base.quarantineStep, schedule.length - 1)]!, context);
    next.quarantineStep = base.quarantineStep + 1;
  }
  return { record: next, events };
}

function planChecks(base: ConnectionHealth, enabled: boolean, at: string): HealthPlan | undefined {
  if (base.checksEnabled === enabled) return undefined;
  const record: ConnectionHealth = {
    ...base,
    checksEnabled: enabled,
    revision: base.revision + 1,
    updatedAt: at,
  };
  // Turned on again: check at once rather than when a schedule from long ago says.
  if (enabled) record.nextCheckAt = at;
  return { record, events: [] };
}

function fresh(key: ConnectionKey, at: string): ConnectionHealth {
  return {
    tenant: key.tenant,
    provider: key.provider,
    state: 'healthy',
    revision: 0,
    updatedAt: at,
    consecutiveFailures: 0,
    quarantineStep: 0,
    checksEnabled: true,
  };
}

/** `delayMs` after `at`, spread by the policy's jitter. */
function later(at: string, delayMs: number, context: HealthPlanContext): string {
  const spread = context.policy.jitter * (2 * context.random() - 1);
  return new Date(Date.parse(at) + Math.round(delayMs * (1 + spread))).toISOString();
}

function earliest(a: string | undefined, b: string): string {
  return a !== undefined && a < b ? a : b;
}

function sameRecord(a: ConnectionHealth, b: ConnectionHealth): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
