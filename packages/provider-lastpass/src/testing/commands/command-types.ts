import type { SimulatorQuirks } from '../simulator-options.js';
import type { SimulatorState } from '../simulator-state.js';

/** Who the event log names as the actor: `apiuser` when the caller sent one (§2.1), else "API". */
export interface EventActor {
  readonly username: string;
  readonly ipAddress: string;
}

export interface CommandContext {
  readonly state: SimulatorState;
  readonly quirks: SimulatorQuirks;
  /** The request's `data` field, as sent (object, array, string or undefined). */
  readonly data: unknown;
  /** The other top-level fields (never `provhash`): `reporting` reads a top-level `user` too. */
  readonly envelope: Readonly<Record<string, unknown>>;
  readonly actor: EventActor;
}

export interface CommandDefinition {
  readonly name: string;
  /** Writes are what `applyWrite: false` faults skip. */
  readonly kind: 'read' | 'write';
  /** The JSON value to answer with. */
  run(context: CommandContext): unknown;
  /** Items one call would return, for throttling large unpaged reads (§4.10). */
  requestedItems?(context: CommandContext): number;
}

export const OK = { status: 'OK' } as const;

/** `error` as a string: the shape of `deluser` and most single-user failures (§5.3). */
export const fail = (error: string) => ({ status: 'FAIL', error });

/** Batch commands: FAIL when every item was malformed, WARN when some item failed, else OK. */
export function batchStatus(errors: readonly string[], malformed: number, items: number): unknown {
  if (errors.length === 0) return OK;
  return { status: items > 0 && malformed === items ? 'FAIL' : 'WARN', errors };
}

export function recordEvent(context: CommandContext, action: string, data: string): void {
  context.state.recordEvent({ ...context.actor, action, data });
}
