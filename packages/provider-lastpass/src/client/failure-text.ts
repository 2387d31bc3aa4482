import {
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  ProviderError,
  type ProvisioningError,
  type ProvisioningErrorOptions,
} from '@provisionkit/core';

/** LastPass puts failure text under `error` or `errors`, as a string or an array: one shape here. */
export function errorTexts(body: Readonly<Record<string, unknown>>): string[] {
  return [...toTexts(body.error), ...toTexts(body.errors)];
}

function toTexts(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items
    .filter((item) => typeof item === 'string' || typeof item === 'number')
    .map((item) => String(item).trim())
    .filter((item) => item !== '');
}

// Emails are removed before matching so "No such user: admin@example.com" is not read as an
// "admin" permission problem, nor "notallowed@example.com" as a refusal.
const EMAIL = /[^\s"'<>:,;]+@[^\s"'<>:,;]+/g;
const NOT_FOUND = /no such user|does not exist|not found/i;
const CONFLICT = /already exists|already in use/i;
const PERMISSION = /permission|not allowed|admin/i;

/**
 * Maps the text of a `FAIL` answer to an error class. LastPass has no error codes, so the wording is
 * all we have; unknown wording stays a `ProviderError` rather than a guess.
 */
export function errorForFailureText(
  texts: readonly string[],
  message: string,
  options: ProvisioningErrorOptions,
): ProvisioningError {
  const text = texts.join(' | ').replace(EMAIL, ' ');
  if (NOT_FOUND.test(text)) return new NotFoundError(message, options);
  if (CONFLICT.test(text)) return new ConflictError(message, options);
  if (PERMISSION.test(text)) return new PermissionDeniedError(message, options);
  return new ProviderError(message, options);
}
