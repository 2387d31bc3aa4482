import type { z } from 'zod';
import { CliError } from './cli-errors.js';

/** Validates a command's input with zod; the first problem becomes one clear `invalid_input` line. */
export function parseCli<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: [what, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new CliError(`Invalid ${first.path}: ${first.message}${more}`, issues);
}
