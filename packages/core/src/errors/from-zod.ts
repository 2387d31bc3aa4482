import type { z } from 'zod';
import { argumentError, requireArray, requireString } from './argument-error.js';
import { type InputIssue, InvalidInputError } from './error-classes.js';

/** Dotted path for a zod issue, prefixed with the argument name (`patch.email`, `batch.3.userName`). */
export function issuePath(prefix: string, path: readonly PropertyKey[]): string {
  const head = requireString('issuePath', 'prefix', prefix);
  const parts = requireArray('issuePath', 'path', path).map((part, index) => {
    if (typeof part === 'string' || typeof part === 'number' || typeof part === 'symbol') return String(part);
    throw argumentError('issuePath', `path.${index}`, 'must be a string, number or symbol');
  });
  return [head, ...parts].filter((part) => part !== '').join('.');
}

/**
 * Turns a zod failure into an `InvalidInputError`. Messages name fields and expectations but never
 * echo the received value, so a mistyped secret is not copied into logs.
 */
export function invalidInputFromZod(
  error: z.ZodError,
  options: { readonly argument: string; readonly provider?: string | undefined; readonly what?: string },
): InvalidInputError {
  checkZodError(error);
  checkParseOptions('invalidInputFromZod', options);
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
  if (typeof (schema as { safeParse?: unknown } | null)?.safeParse !== 'function') {
    throw argumentError('parseInput', 'schema', 'must be a zod schema');
  }
  checkParseOptions('parseInput', options);
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInputFromZod(result.error, options);
  return result.data;
}

function checkZodError(error: unknown): asserts error is z.ZodError {
  const issues = (error as { issues?: unknown } | null)?.issues;
  const wellFormed =
    Array.isArray(issues) &&
    issues.every((issue) => Array.isArray((issue as { path?: unknown } | null)?.path));
  if (!wellFormed) throw argumentError('invalidInputFromZod', 'error', 'must be a ZodError');
}

function checkParseOptions(fn: string, options: unknown): void {
  const { argument, provider, what } = (options ?? {}) as Record<string, unknown>;
  if (typeof options !== 'object' || options === null || typeof argument !== 'string') {
    throw argumentError(fn, 'options.argument', 'must be a string');
  }
  if (provider !== undefined && typeof provider !== 'string') {
    throw argumentError(fn, 'options.provider', 'must be a string');
  }
  if (what !== undefined && typeof what !== 'string')
    throw argumentError(fn, 'options.what', 'must be a string');
}
