import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../errors/provisioning-error.js';
import { ProvisionEvent } from '../events/provision-event.js';
import type { CredentialStatus } from '../spi/credential-check.js';
import type { Verb } from '../spi/verbs.js';
import type { HealthObservation } from './health-observation.js';
import { DEFAULT_HEALTH_POLICY, HealthPolicy } from './health-policy.js';
import { ConnectionHealth } from './health-record.js';
import { type HealthPlanContext, planHealth } from './plan-health.js';

const HOUR = 3_600_000;
const START = Date.parse('2024-05-11T10:00:00.000Z');
const KEY = { tenant: 'acme', provider: 'lastpass' };
const context: HealthPlanContext = {
  key: KEY,
  policy: HealthPolicy.parse({ jitter: 0 }),
  random: () => 0.5,
};

function at(ms: number): string {
  return new Date(START + ms).toISOString();
}

const check = (ms: number, status: CredentialStatus, message?: string): HealthObservation => ({
  kind: 'check',
  at: at(ms),
  check: { status, checkedAt: at(ms), ...(message === undefined ? {} : { message }) },
});
const failed = (ms: number, errorCode: ErrorCode, operation: Verb = 'createUser'): HealthObservation => ({
  kind: 'operation',
  at: at(ms),
  operation,
  outcome: 'error',
  errorCode,
});
const worked = (ms: number, operation: Verb = 'getUser'): HealthObservation => ({
  kind: 'operation',
  at: at(ms),
  operation,
  outcome: 'ok',
});

/** Applies observations in order; the records and the types of the events they logged. */
function run(observations: HealthObservation[], planContext = context) {
  let record: ConnectionHealth | undefined;
  const events: string[] = [];
  for (const observation of observations) {
    const plan = planHealth(record, observation, planContext);
    if (plan === undefined) continue;
    ConnectionHealth.parse(plan.record);
    for (const event of plan.events) {
      ProvisionEvent.parse({ ...event, sequence: 1, cursor: '1' });
      events.push(event.type);
    }
    record = plan.record;
  }
  return { record, events };
}

describe('planHealth', () => {
  describe('operations', () => {
    it('writes nothing for a connection that works', () => {
      expect(planHealth(undefined, worked(0), context)).toBeUndefined();
      expect(
        run([worked(0), worked(1), failed(2, 'not_found'), failed(3, 'conflict')]).record,
      ).toBeUndefined();
    });

    it('ignores failures that say nothing about the connection', () => {
      for (const code of ['invalid_input', 'unsupported_operation', 'cancelled'] as const) {
        expect(planHealth(undefined, failed(0, code), context)).toBeUndefined();
      }
      expect(planHealth(undefined, failed(0, 'unavailable', 'verifyCredentials'), context)).toBeUndefined();
    });

    it('counts transient failures and calls the connection unhealthy at unhealthyAfter in a row', () => {
      const two = run([failed(0, 'unavailable'), failed(60_000, 'rate_limited')]);
      expect(two.record).toMatchObject({
        state: 'healthy',
        consecutiveFailures: 2,
        failingSince: at(0),
        revision: 2,
      });
      expect(two.record?.lastError).toEqual({
        code: 'rate_limited',
        operation: 'createUser',
        at: at(60_000),
      });
      // A failure among successes brings the next check forward.
      expect(two.record?.nextCheckAt).toBe(at(5 * 60_000));
      expect(two.events).toEqual([]);
      const three = run([failed(0, 'unavailable'), failed(1, 'rate_limited'), failed(2, 'provider_error')]);
      expect(three.record).toMatchObject({
        state: 'unhealthy',
        consecutiveFailures: 3,
        unhealthySince: at(2),
      });
      expect(three.events).toEqual(['connection.unhealthy']);
    });

    it('calls the connection unhealthy at once when its credentials are refused', () => {
      const { record, events } = run([failed(0, 'authentication')]);
      expect(record).toMatchObject({
        state: 'unhealthy',
        credentials: { status: 'invalid', checkedAt: at(0) },
      });
      expect(events).toEqual(['connection.unhealthy']);
      expect(run([failed(0, 'permission_denied')]).record?.credentials?.status).toBe(
        'insufficient_permissions',
      );
    });

    it('starts counting again after a success, without an event while healthy', () => {
      const { record, events } = run([failed(0, 'unavailable'), failed(1, 'unavailable'), worked(2)]);
      expect(record).toMatchObject({ state: 'healthy', consecutiveFailures: 0 });
      expect(record?.failingSince).toBeUndefined();
      expect(record?.lastError?.code).toBe('unavailable');
      expect(events).toEqual([]);
    });
  });

  describe('operations failing on their own', () => {
    /** `count` failures of `createUser`, each followed by a `getUser` that works. */
    const interleaved = (count: number, code: ErrorCode = 'provider_error', from = 0) =>
      Array.from({ length: count }, (_, index) => [
        failed(from + 2 * index, code),
        worked(from + 2 * index + 1),
      ]).flat();

    it('counts one verb across successes of others and logs operation_failing once, at operationFailuresAfter', () => {
      const four = run(interleaved(4));
      expect(four.events).toEqual([]);
      expect(four.record).toMatchObject({ state: 'healthy', consecutiveFailures: 0 });
      expect(four.record?.failingOperations).toEqual([
        {
          operation: 'createUser',
          consecutiveFailures: 4,
          failingSince: at(0),
          lastError: { code: 'provider_error', at: at(6) },
        },
      ]);
      const seven = run(interleaved(7));
      expect(seven.events).toEqual(['connection.operation_failing']);
      expect(seven.record?.failingOperations).toEqual([
        expect.objectContaining({ consecutiveFailures: 7, reportedAt: at(8) }),
      ]);
      const plan = planHealth(run(interleaved(4)).record, failed(9, 'unavailable'), context);
      expect(plan?.events).toEqual([
        expect.objectContaining({
          type: 'connection.operation_failing',
          tenant: 'acme',
          provider: 'lastpass',
          data: {
            operation: 'createUser',
            consecutiveFailures: 5,
            failingSince: at(0),
            error: { code: 'unavailable', operation: 'createUser', at: at(9) },
          },
        }),
      ]);
    });

    it('ends the run at the verb’s next success, with operation_recovered only when it was logged', () => {
      const createWorks = worked(100, 'createUser');
      const logged = run([...interleaved(5), createWorks]);
      expect(logged.events).toEqual(['connection.operation_failing', 'connection.operation_recovered']);
      expect(logged.record?.failingOperations).toBeUndefined();
      const quiet = run([...interleaved(4), createWorks]);
      expect(quiet.events).toEqual([]);
      expect(quiet.record?.failingOperations).toBeUndefined();
      // An answer from a working provider is a success of the verb too.
      expect(run([...interleaved(5), failed(100, 'conflict')]).events).toEqual([
        'connection.operation_failing',
        'connection.operation_recovered',
      ]);
    });

    it('counts each verb apart and leaves refused credentials and ignored codes out', () => {
      const { record, events } = run([
        ...interleaved(3),
        failed(10, 'unavailable', 'updateUser'),
        worked(11),
        failed(12, 'invalid_input'),
        failed(13, 'cancelled'),
        worked(14),
      ]);
      expect(events).toEqual([]);
      expect(record?.failingOperations?.map((entry) => [entry.operation, entry.consecutiveFailures])).toEqual(
        [
          ['createUser', 3],
          ['updateUser', 1],
        ],
      );
      const refused = run([...interleaved(4), failed(20, 'authentication'), worked(21)]);
      expect(refused.record?.failingOperations?.[0]?.consecutiveFailures).toBe(4);
      expect(refused.events).toEqual(['connection.unhealthy', 'connection.recovered']);
    });

    it('logs nothing for the verb while the connection is unhealthy, and logs it at its first failure after', () => {
      const outage = [0, 1, 2, 3, 4, 5].map((ms) => failed(ms, 'unavailable'));
      const during = run(outage, {
        ...context,
        policy: HealthPolicy.parse({ jitter: 0, quarantineAfter: 100 }),
      });
      expect(during.events).toEqual(['connection.unhealthy']);
      expect(during.record?.failingOperations?.[0]?.consecutiveFailures).toBe(6);
      const after = run([...outage, worked(10), failed(11, 'unavailable')], {
        ...context,
        policy: HealthPolicy.parse({ jitter: 0, quarantineAfter: 100 }),
      });
      expect(after.events).toEqual([
        'connection.unhealthy',
        'connection.recovered',
        'connection.operation_failing',
      ]);
    });

    it('takes operationFailuresAfter from the policy', () => {
      const policy = HealthPolicy.parse({ jitter: 0, operationFailuresAfter: 2 });
      expect(run(interleaved(2), { ...context, policy }).events).toEqual(['connection.operation_failing']);
      expect(() => HealthPolicy.parse({ operationFailuresAfter: 0 })).toThrow();
    });
  });

  describe('checks', () => {
    it('records the credentials and schedules the next check', () => {
      const { record } = run([check(0, 'valid')]);
      expect(record).toMatchObject({
        state: 'healthy',
        credentials: { status: 'valid', checkedAt: at(0) },
        nextCheckAt: at(15 * 60_000),
        revision: 1,
        checksEnabled: true,
      });
    });

    it('reports refused credentials with the check message, and checks an unhealthy connection more often', () => {
      const { record, events } = run([check(0, 'valid'), check(HOUR, 'invalid', 'Credentials refused')]);
      expect(record).toMatchObject({
        state: 'unhealthy',
        credentials: { status: 'invalid', checkedAt: at(HOUR), message: 'Credentials refused' },
        lastError: { code: 'authentication', operation: 'verifyCredentials', at: at(HOUR) },
        nextCheckAt: at(HOUR + 5 * 60_000),
      });
      expect(events).toEqual(['connection.unhealthy']);
    });

    it('needs unhealthyAfter unreachable checks, which are not a verdict on the credentials', () => {
      const two = run([check(0, 'unreachable'), check(1, 'unreachable')]);
      expect(two.record?.state).toBe('healthy');
      expect(run([check(0, 'unreachable'), check(1, 'unreachable'), check(2, 'unreachable')]).events).toEqual(
        ['connection.unhealthy'],
      );
    });
  });

  describe('quarantine', () => {
    const revoked = (count: number) =>
      Array.from({ length: count }, (_, index) => check(index * 5 * 60_000, 'invalid'));

    it('quarantines after quarantineAfter failures in a row and checks after 6 h, 12 h, 24 h, then daily', () => {
      const quarantined = run(revoked(6));
      expect(quarantined.events).toEqual(['connection.unhealthy', 'connection.quarantined']);
      const since = 25 * 60_000;
      expect(quarantined.record).toMatchObject({
        state: 'quarantined',
        quarantinedAt: at(since),
        quarantineStep: 1,
      });
      expect(quarantined.record?.nextCheckAt).toBe(at(since + 6 * HOUR));
      const delays: number[] = [];
      let record = quarantined.record!;
      for (let step = 0; step < 5; step += 1) {
        const now = Date.parse(record.nextCheckAt!) - START;
        record = planHealth(record, check(now, 'invalid'), context)!.record;
        delays.push((Date.parse(record.nextCheckAt!) - START - now) / HOUR);
      }
      expect(delays).toEqual([12, 24, 24, 24, 24]);
      expect(record.consecutiveFailures).toBe(11);
    });

    it('leaves the schedule alone when operations fail while quarantined', () => {
      const { record } = run([...revoked(6), failed(7 * 5 * 60_000, 'authentication')]);
      expect(record).toMatchObject({ state: 'quarantined', quarantineStep: 1, consecutiveFailures: 7 });
      expect(record?.nextCheckAt).toBe(at(25 * 60_000 + 6 * HOUR));
    });

    it('recovers on any success: the credentials are valid again and the normal schedule resumes', () => {
      const { record, events } = run([...revoked(6), check(7 * HOUR, 'valid')]);
      expect(events).toEqual(['connection.unhealthy', 'connection.quarantined', 'connection.recovered']);
      expect(record).toMatchObject({
        state: 'healthy',
        consecutiveFailures: 0,
        quarantineStep: 0,
        credentials: { status: 'valid', checkedAt: at(7 * HOUR) },
        nextCheckAt: at(7 * HOUR + 15 * 60_000),
      });
      expect(record?.quarantinedAt).toBeUndefined();
      expect(record?.unhealthySince).toBeUndefined();
      const recovered = planHealth(run(revoked(6)).record, worked(HOUR), context)!.events[0];
      expect(recovered).toMatchObject({
        type: 'connection.recovered',
        data: {
          from: 'quarantined',
          unhealthySince: at(0),
          quarantinedAt: at(25 * 60_000),
          consecutiveFailures: 6,
          recoveredBy: 'getUser',
        },
      });
    });

    it('logs both transitions at once when a single failure reaches both thresholds', () => {
      const policy = HealthPolicy.parse({ jitter: 0, unhealthyAfter: 1, quarantineAfter: 1 });
      expect(run([failed(0, 'unavailable')], { ...context, policy }).events).toEqual([
        'connection.unhealthy',
        'connection.quarantined',
      ]);
    });
  });

  describe('checks turned off by the host', () => {
    it('records the choice and asks for a check at once when turned on again', () => {
      const off = planHealth(undefined, { kind: 'checks', at: at(0), enabled: false }, context)!;
      expect(off.record).toMatchObject({ checksEnabled: false, revision: 1, state: 'healthy' });
      expect(planHealth(off.record, { kind: 'checks', at: at(1), enabled: false }, context)).toBeUndefined();
      const on = planHealth(off.record, { kind: 'checks', at: at(HOUR), enabled: true }, context)!;
      expect(on.record).toMatchObject({ checksEnabled: true, nextCheckAt: at(HOUR), revision: 2 });
    });
  });

  describe('jitter', () => {
    it('spreads each delay within ±jitter of the schedule', () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0, max: 0.9999999, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (r, jitter) => {
            const policy = HealthPolicy.parse({ jitter });
            const plan = planHealth(undefined, check(0, 'valid'), { ...context, policy, random: () => r })!;
            const delay = Date.parse(plan.record.nextCheckAt!) - START;
            const base = DEFAULT_HEALTH_POLICY.checkIntervalMs;
            expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - jitter)));
            expect(delay).toBeLessThanOrEqual(Math.ceil(base * (1 + jitter)));
          },
        ),
      );
    });
  });

  describe('any sequence of observations', () => {
    const observation = fc.oneof(
      fc
        .constantFrom<CredentialStatus>(
          'valid',
          'invalid',
          'expired',
          'insufficient_permissions',
          'unreachable',
        )
        .map((status) => ({ kind: 'check' as const, status })),
      fc
        .constantFrom<ErrorCode | 'ok'>(
          'ok',
          'unavailable',
          'authentication',
          'not_found',
          'cancelled',
          'rate_limited',
        )
        .map((code) => ({ kind: 'operation' as const, code })),
    );

    it('keeps the counts, states and events consistent', () => {
      fc.assert(
        fc.property(fc.array(observation, { maxLength: 40 }), (steps) => {
          let record: ConnectionHealth | undefined;
          let failures = 0;
          let state = 'healthy';
          steps.forEach((step, index) => {
            const observed: HealthObservation =
              step.kind === 'check'
                ? check(index * 1000, step.status)
                : step.code === 'ok'
                  ? worked(index * 1000)
                  : failed(index * 1000, step.code);
            const plan = planHealth(record, observed, context);
            for (const event of plan?.events ?? []) {
              if (event.type.startsWith('connection.operation_')) continue; // no change of state
              // Events follow the states: unhealthy from healthy, quarantined from unhealthy,
              // recovered from either.
              if (event.type === 'connection.unhealthy') expect(state).toBe('healthy');
              if (event.type === 'connection.quarantined') expect(state).not.toBe('quarantined');
              if (event.type === 'connection.recovered') expect(state).not.toBe('healthy');
              state =
                event.type === 'connection.unhealthy'
                  ? 'unhealthy'
                  : event.type === 'connection.quarantined'
                    ? 'quarantined'
                    : 'healthy';
            }
            if (plan !== undefined) {
              expect(plan.record.revision).toBe((record?.revision ?? 0) + 1);
              record = plan.record;
            }
            const isFailure =
              (step.kind === 'check' && step.status !== 'valid') ||
              (step.kind === 'operation' &&
                ['unavailable', 'authentication', 'rate_limited'].includes(step.code));
            const isSuccess =
              (step.kind === 'check' && step.status === 'valid') ||
              (step.kind === 'operation' && (step.code === 'ok' || step.code === 'not_found'));
            if (isFailure) failures += 1;
            if (isSuccess) failures = 0;
            expect(record?.consecutiveFailures ?? 0).toBe(failures);
            expect(record?.state ?? 'healthy').toBe(state);
            if (state === 'quarantined')
              expect(failures).toBeGreaterThanOrEqual(context.policy.quarantineAfter);
          });
        }),
      );
    });
  });
});
