import { InvalidInputError } from '../errors/error-classes.js';
import { parseInput } from '../errors/from-zod.js';
import { planDigest } from './plan-digest.js';
import { PLAN_VERSION, ReconcilePlan } from './plan-schema.js';

/**
 * Parses a plan (as `plan()` returned it or as read back from JSON) and checks its digest: a plan
 * edited after planning is refused, since apply would do what nobody reviewed.
 */
export function verifyPlan(value: unknown): ReconcilePlan {
  const version = (value as { version?: unknown } | null)?.version;
  if (typeof value === 'object' && value !== null && version !== PLAN_VERSION) {
    throw new InvalidInputError(
      `Invalid plan: version ${String(version)} is not ${PLAN_VERSION}: plan again`,
      [{ path: 'plan.version', message: `must be ${PLAN_VERSION} (plan again with this version)` }],
    );
  }
  const plan = parseInput(ReconcilePlan, value, { argument: 'plan' });
  if (planDigest(plan) !== plan.digest) {
    throw new InvalidInputError('Invalid plan: it was changed after planning (its digest does not match)', [
      { path: 'plan.digest', message: 'does not match the plan: it was edited after planning' },
    ]);
  }
  return plan;
}
