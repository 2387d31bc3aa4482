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
  readonly request: Request;
  readonly response: Response;
}

export function defineCommand<Request extends z.ZodType, Response extends z.ZodType>(
  spec: CommandSpec<Request, Response>,
): CommandSpec<Request, Response> {
  return spec;
}
