import type { z } from 'zod';

/**
 * One LastPass command: its wire name, whether resending it is safe, the schema that turns the typed
 * wrapper's input into the wire `data`, and the schema that reads (and normalizes) the answer.
 */
export interface CommandSpec<Request extends z.ZodType, Response extends z.ZodType> {
  readonly cmd: string;
  /**
   * True when sending it twice leaves the same state as sending it once, so a request whose fate is
   * unknown (timeout, dropped connection, 5xx) may simply be sent again.
   */
  readonly idempotent: boolean;
  /**
   * True for commands about one user. LastPass documents `WARN` (partial success) only for batch
   * commands; on a single-user command it can only mean that user's change did not fully apply,
   * so it fails like `FAIL` rather than passing as a success the caller would never look into.
   */
  readonly singleUser?: boolean;
  readonly request: Request;
  /**
   * An optional shortcut for large requests: returns exactly what `request` would, for inputs it is
   * certain of, and `undefined` for anything else (then `request` decides and reports the issues).
   */
  readonly fastParse?: (input: unknown) => z.output<Request> | undefined;
  readonly response: Response;
  /**
   * An optional shortcut for large answers: returns exactly what `response` would, for bodies it is
   * certain of, and `undefined` for anything else (then `response` decides and reports the issues).
   */
  readonly fastRead?: (body: unknown) => z.output<Response> | undefined;
}

export function defineCommand<Request extends z.ZodType, Response extends z.ZodType>(
  spec: CommandSpec<Request, Response>,
): CommandSpec<Request, Response> {
  return spec;
}
