import { z } from 'zod';
import { createPrng, type Prng } from './prng.js';
import { parseOrThrow } from './simulator-error.js';

/**
 * What can go wrong between a client and the service. `applyWrite` says whether the command still
 * runs: `slow` with `applyWrite: true` (its default) is "the write happened but the answer came too
 * late"; `drop` and `malformed` default to not running it.
 */
export type SimulatorFault =
  | { readonly kind: 'status'; readonly status: 429 | 500 | 502 | 503; readonly retryAfterSeconds?: number }
  | { readonly kind: 'drop'; readonly applyWrite?: boolean }
  | { readonly kind: 'slow'; readonly delayMs: number; readonly applyWrite?: boolean }
  | { readonly kind: 'malformed'; readonly applyWrite?: boolean }
  | { readonly kind: 'auth' };

export type SimulatorFaultKind = SimulatorFault['kind'];

export interface FaultMatch {
  /** Only requests with this `cmd`; every request when absent. */
  readonly cmd?: string;
}

export interface ThrottleOptions extends FaultMatch {
  readonly retryAfterSeconds?: number;
}

const Fault = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('status'),
    status: z.literal([429, 500, 502, 503]),
    retryAfterSeconds: z.int().min(0).optional(),
  }),
  z.strictObject({ kind: z.literal('drop'), applyWrite: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('slow'), delayMs: z.int().min(0), applyWrite: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('malformed'), applyWrite: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('auth') }),
]);
const Match = z.strictObject({ cmd: z.string().min(1).optional() }).default({});

function checkedFault(fault: SimulatorFault): SimulatorFault {
  parseOrThrow(Fault, fault, 'fault');
  return { ...fault };
}

interface Rule {
  readonly fault: SimulatorFault;
  readonly cmd: string | undefined;
}

/** Scripted (`next`) faults fire first, in order; then rate rules, drawn from a seeded PRNG. */
export class SimulatorFaults {
  private readonly scripted: (Rule & { remaining: number })[] = [];
  private readonly rates: (Rule & { probability: number })[] = [];
  private throttleRule: (Rule & { maxItems: number }) | null = null;
  private readonly prng: Prng;

  constructor(seed: number) {
    this.prng = createPrng(seed ^ 0x5eed);
  }

  /** The next `count` matching requests meet `fault`. */
  next(count: number, fault: SimulatorFault, match?: FaultMatch): void {
    const remaining = parseOrThrow(z.int().min(1), count, 'count');
    const rule = { fault: checkedFault(fault), cmd: parseOrThrow(Match, match, 'match').cmd };
    this.scripted.push({ ...rule, remaining });
  }

  /** Each matching request meets `fault` with this probability (0..1). */
  rate(probability: number, fault: SimulatorFault, match?: FaultMatch): void {
    const p = parseOrThrow(z.number().min(0).max(1), probability, 'probability');
    this.rates.push({
      fault: checkedFault(fault),
      cmd: parseOrThrow(Match, match, 'match').cmd,
      probability: p,
    });
  }

  /**
   * §4.10: reads that would return more than `maxItems` users/folders answer 429 (the real service
   * throttles unpaged `getdetailedsfdata`). Paged reads under the limit pass.
   */
  throttleAbovePageSize(maxItems: number, options: ThrottleOptions = {}): void {
    const max = parseOrThrow(z.int().min(0), maxItems, 'maxItems');
    const parsed = parseOrThrow(
      z.strictObject({ cmd: z.string().min(1).optional(), retryAfterSeconds: z.int().min(0).optional() }),
      options,
      'options',
    );
    const status = { kind: 'status', status: 429 } as const;
    const fault =
      parsed.retryAfterSeconds === undefined
        ? status
        : { ...status, retryAfterSeconds: parsed.retryAfterSeconds };
    this.throttleRule = { fault, cmd: parsed.cmd, maxItems: max };
  }

  /** Scripted faults that have not fired yet. */
  get pending(): number {
    return this.scripted.reduce((sum, rule) => sum + rule.remaining, 0);
  }

  clear(): void {
    this.scripted.length = 0;
    this.rates.length = 0;
    this.throttleRule = null;
  }

  /** @internal The fault this request meets, if any (consumes scripted faults). */
  draw(cmd: string | null): SimulatorFault | null {
    const matches = (rule: Rule) => rule.cmd === undefined || rule.cmd === cmd;
    const index = this.scripted.findIndex(matches);
    if (index >= 0) {
      const rule = this.scripted[index]!;
      if (--rule.remaining === 0) this.scripted.splice(index, 1);
      return rule.fault;
    }
    for (const rule of this.rates) {
      if (matches(rule) && this.prng.chance(rule.probability)) return rule.fault;
    }
    return null;
  }

  /** @internal A 429 when a large read is throttled. */
  throttle(cmd: string, requestedItems: () => number): SimulatorFault | null {
    const rule = this.throttleRule;
    if (rule === null || (rule.cmd !== undefined && rule.cmd !== cmd)) return null;
    return requestedItems() > rule.maxItems ? rule.fault : null;
  }
}
