import type { ProvisioningError } from '@provisionkit/core';
import { errorForFailureText } from './failure-text.js';
import { PROVIDER_ID } from './interpret-response.js';

const MAX_TEXT = 200;

/**
 * The error of a `WARN` answer to a single-user command (see `CommandSpec.singleUser`), classified by
 * its text like a `FAIL`. The texts arrive with secrets already removed; they are only shortened.
 */
export function singleUserWarning(cmd: string, texts: readonly string[]): ProvisioningError {
  const messages = texts.map((text) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text));
  const details = { cmd, status: 'WARN', messages };
  return errorForFailureText(texts, `LastPass ${cmd} only partly applied`, {
    provider: PROVIDER_ID,
    details,
  });
}
