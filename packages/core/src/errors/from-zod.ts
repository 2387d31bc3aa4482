import type { z } from 'zod';
import { type InputIssue, InvalidInputError } from './error-classes.js';

/** Dotted path for a zod issue, prefixed with the argument name (`patch.email`, `batch.3.userName`). */
export function issuePath(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter((part) => part !== '').join('.');
}

/**
 * Turns a zod failure into an `InvalidInputError`. Messages name fields and expectations but never
 * echo the received value, so a mistyped secret is not copied into logs.
 */
export function invalidInputFromZod(
  error: z.ZodError,
  options: { readonly argument: string; readonly provider?: string | undefined; readonly what?: string },
): InvalidInputError {
  const issues: InputIssue[] = error.issues.map((issue) => ({
    path: issuePath(options.argument, issue.path),
    message: issue.message,
  }));
  const first = issues[0];
  // An empty path is the argument itself (`createProvisionKit(undefined)`): no ": " before the message.
  const summary =
    first === undefined
      ? 'invalid value'
      : first.path === ''
        ? first.message
        : `${first.path}: ${first.message}`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new InvalidInputError(`Invalid ${options.what ?? options.argument}: ${summary}${more}`, issues, {
    provider: options.provider,
  });
}

/** Parses `value` with `schema`, throwing `InvalidInputError` (never a raw ZodError or TypeError). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  options: { readonly argument: string; readonly provider?: string | undefined; readonly what?: string },
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInputFromZod(result.error, options);
  return result.data;
}
