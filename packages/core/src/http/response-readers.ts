import type { z } from 'zod';
import { InvalidInputError } from '../errors/error-classes.js';
import type { HttpResponse } from './http-response.js';

/**
 * Turns a 2xx answer into the request's result, or throws a `ProvisioningError` (an RPC API that
 * answers 200 with an error body reports its failures here). Runs within the attempt's timeout.
 */
export type ResponseReader<T> = (response: HttpResponse) => T | Promise<T>;

const MAX_ISSUES = 5;

/** Parses the body as JSON, then checks it with `schema` when one is given. */
export function jsonReader(): ResponseReader<unknown>;
export function jsonReader<S extends z.ZodType>(schema: S): ResponseReader<z.output<S>>;
export function jsonReader(schema?: z.ZodType): ResponseReader<unknown> {
  if (schema !== undefined && typeof (schema as { safeParse?: unknown } | null)?.safeParse !== 'function') {
    throw new InvalidInputError('Invalid jsonReader schema: schema: must be a zod schema', [
      { path: 'schema', message: 'must be a zod schema' },
    ]);
  }
  return async (response) => {
    const body = await response.json();
    if (schema === undefined) return body;
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    // Paths and zod codes only: values may be personal data.
    const issues = parsed.error.issues
      .slice(0, MAX_ISSUES)
      .map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code }));
    throw response.providerError('unexpected_response', 'answered in an unexpected shape', {
      details: { issues, issueCount: parsed.error.issues.length },
    });
  };
}

/** The body as text. */
export function textReader(): ResponseReader<string> {
  return (response) => response.text();
}

/** Ignores the body (204 answers, writes whose answer is not needed); it is not read at all. */
export function noBodyReader(): ResponseReader<undefined> {
  return () => undefined;
}
