import { ProviderError } from '@provisionkit/core';
import type { z } from 'zod';
import { type LastPassSuccess, PROVIDER_ID } from './interpret-response.js';

/** A typed command's answer: the normalized body, plus info (ok) or partial-failure texts (warn). */
export type LastPassResult<T> =
  | { readonly kind: 'ok'; readonly body: T; readonly info: string[] }
  | { readonly kind: 'warn'; readonly body: T; readonly errors: string[] };

const MAX_ISSUES = 5;

/**
 * Checks a success body against the command's schema. A mismatch is a `ProviderError` that names the
 * failing paths and zod codes only: never values, which may be personal data.
 */
export function readResponse<S extends z.ZodType>(
  cmd: string,
  schema: S,
  outcome: LastPassSuccess,
  fastRead?: (body: unknown) => z.output<S> | undefined,
): LastPassResult<z.output<S>> {
  const fast = fastRead?.(outcome.body);
  if (fast !== undefined) return withOutcome(fast, outcome);
  const parsed = schema.safeParse(outcome.body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
      path: issue.path.map(String).join('.'),
      code: issue.code,
    }));
    const details = { cmd, reason: 'unexpected_response', issues, issueCount: parsed.error.issues.length };
    throw new ProviderError(`LastPass answered ${cmd} in an unexpected shape`, {
      provider: PROVIDER_ID,
      details,
    });
  }
  return withOutcome(parsed.data, outcome);
}

function withOutcome<T>(body: T, outcome: LastPassSuccess): LastPassResult<T> {
  return outcome.kind === 'ok'
    ? { kind: 'ok', body, info: outcome.info }
    : { kind: 'warn', body, errors: outcome.errors };
}
