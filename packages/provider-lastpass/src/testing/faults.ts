import { z } from 'zod';
import { Fault, type SimulatorFault } from './fault-types.js';
import { createPrng, type Prng } from './prng.js';
import { parseOrThrow } from './simulator-error.js';

export type { SimulatorFault, SimulatorFaultKind } from './fault-types.js';

/** A request held by a `hold` fault: released (applied) when the next request of its `cmd` arrives. */
export interface HeldRequest {
  readonly cmd: string | null;
  readonly release: () => void;
}

export interface FaultMatch {
  /** Only requests with this `cmd`; every request when absent. */
  readonly cmd?: string;
}

export interface ThrottleOptions extends FaultMatch {
  readonly retryAfterSeconds?: number;
}

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
  private readonly heldRequests: HeldRequest[] = [];
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

  /** Every matching request meets `fault` (until `clear()`): a server that always behaves so. */
  always(fault: SimulatorFault, match?: FaultMatch): void {
    this.rate(1, fault, match);
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

  /** Requests held by `hold` faults and not released yet. */
  get held(): number {
    return this.heldRequests.length;
  }

  /** Forgets every fault rule, and the held requests without applying them. */
  clear(): void {
    this.scripted.length = 0;
    this.rates.length = 0;
    this.throttleRule = null;
    this.heldRequests.length = 0;
  }

  /** @internal Keeps a held request until a request of the same `cmd` arrives. */
  hold(request: HeldRequest): void {
    this.heldRequests.push(request);
  }

  /** @internal Applies the requests held for `cmd`, oldest first, before that request is handled. */
  releaseHeld(cmd: string | null): void {
    const due = this.heldRequests.filter((held) => held.cmd === cmd);
    if (due.length === 0) return;
    for (const held of due) this.heldRequests.splice(this.heldRequests.indexOf(held), 1);
    for (const held of due) held.release();
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
      if (!matches(rule)) continue;
      if (rule.probability >= 1 || this.prng.chance(rule.probability)) return rule.fault;
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
