import { expect } from 'vitest';
import type { InputIssue } from '../errors/error-classes.js';
import { type ErrorCode, ProvisioningError } from '../errors/provisioning-error.js';

/**
 * Awaits `action` (a promise, or a function whose sync throw counts too) and asserts that it failed
 * with a `ProvisioningError` of `code`. Returns the error for further checks. A raw `TypeError` or
 * `ZodError` fails the assertion: callers must only ever see provisioning errors.
 */
export async function expectProvisioningError(
  action: PromiseLike<unknown> | (() => unknown),
  code: ErrorCode,
): Promise<ProvisioningError> {
  let outcome: { readonly threw: false } | { readonly threw: true; readonly error: unknown };
  try {
    await (typeof action === 'function' ? action() : action);
    outcome = { threw: false };
  } catch (error) {
    outcome = { threw: true, error };
  }
  if (!outcome.threw)
    return expect.fail(`expected a ProvisioningError with code '${code}', nothing was thrown`);
  const { error } = outcome;
  if (!ProvisioningError.is(error)) {
    return expect.fail(`expected a ProvisioningError with code '${code}', got ${describeThrown(error)}`);
  }
  expect(error.code, `error code (${error.name})`).toBe(code);
  return error;
}

/** Asserts an `invalid_input` error names `field` (exact path or a path below it). */
export function expectIssueAt(error: ProvisioningError, field: string): void {
  const issues = (error as { issues?: readonly InputIssue[] }).issues ?? [];
  const paths = issues.map((issue) => issue.path);
  const named = paths.some((path) => path === field || path.startsWith(`${field}.`));
  expect(named, `issues should name '${field}', got [${paths.join(', ')}]`).toBe(true);
}

function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name} (${error.constructor.name})`;
  return typeof error;
}
