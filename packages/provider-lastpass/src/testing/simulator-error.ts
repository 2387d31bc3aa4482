import type { z } from 'zod';

/** Codes shared with core's `ProvisioningError` vocabulary; the simulator stands alone, so no import. */
export type SimulatorErrorCode = 'invalid_input' | 'conflict' | 'not_found';

/** What the simulator's own API (options, fault scripts, state helpers) throws. */
export class SimulatorError extends Error {
  constructor(
    readonly code: SimulatorErrorCode,
    /** The offending option or argument, e.g. `host`, `fault.status`, `username`. */
    readonly path: string,
    message: string,
  ) {
    super(`LastPass simulator: ${path}: ${message}`);
    this.name = 'SimulatorError';
  }
}

/** Parses or throws an `invalid_input` SimulatorError naming the first failing field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const fullPath = [path, ...(issue?.path ?? [])].filter((part) => part !== '').join('.');
  throw new SimulatorError('invalid_input', fullPath || '(root)', issue?.message ?? 'invalid');
}
