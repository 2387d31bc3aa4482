import { z } from 'zod';
import { parseInput } from '../errors/from-zod.js';
import type { HealthClock } from './health-clock.js';
import {
  DEFAULT_HEALTH_POLICY,
  HEALTH_POLICY_FIELDS,
  type HealthPolicy,
  type HealthPolicyInput,
  THRESHOLDS_IN_ORDER,
  thresholdsInOrder,
} from './health-policy.js';

const isFunction = (value: unknown) => typeof value === 'function';

/** The kit's `health` option: the policy's fields, and a clock and random numbers for tests. */
export type KitHealthOptions = HealthPolicyInput & {
  /** Default: the system clock. */
  readonly clock?: HealthClock | undefined;
  /** Numbers in [0, 1) for the jitter of checks. Default `Math.random`. */
  readonly random?: (() => number) | undefined;
};

const Shape = z
  .strictObject({
    ...HEALTH_POLICY_FIELDS,
    clock: z
      .custom<HealthClock>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          isFunction((value as HealthClock).now) &&
          isFunction((value as HealthClock).sleep),
        'must have now() and sleep()',
      )
      .optional(),
    random: z.custom<() => number>(isFunction, 'must be a function').optional(),
  })
  .refine(thresholdsInOrder, THRESHOLDS_IN_ORDER);

/** The policy, clock and random of the kit's `health` option; `invalid_input` naming `health.<field>`. */
export function parseHealthOptions(options: unknown): {
  readonly policy: HealthPolicy;
  readonly clock: HealthClock | undefined;
  readonly random: (() => number) | undefined;
} {
  if (options === undefined) return { policy: DEFAULT_HEALTH_POLICY, clock: undefined, random: undefined };
  const { clock, random, ...policy } = parseInput(Shape, options, { argument: 'health' });
  return { policy: Object.freeze(policy), clock, random };
}
