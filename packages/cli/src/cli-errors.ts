import { InvalidInputError, ProvisioningError, redactText } from '@provisionkit/core';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';

/** What to do about each error code, in a few words. */
const HINTS: Record<string, string> = {
  invalid_input: 'check the arguments and files named above',
  not_found: 'check the name given (provisionkit users list; provisionkit status shows held runs)',
  conflict: 'the target changed or is busy: look, then try again',
  authentication: 'check the connection credentials (provisionkit connections test)',
  permission_denied: 'the credentials lack a permission this needs',
  rate_limited: 'the provider is throttling: try again later',
  unavailable: 'the provider or the state store cannot be reached: try again later',
  unsupported_operation: 'this provider cannot do that',
  provider_error: 'the provider answered unexpectedly: run with --verbose for details',
  cancelled: 'stopped before it finished: run it again to continue',
};

const REASON_HINTS: Record<string, string> = {
  stale_plan: 'plan again',
  apply_in_progress: 'another process is applying this plan: wait for it',
  sync_held: 'approve or reject the held run (provisionkit sync --approve RUN | --reject RUN)',
  sync_in_progress: 'another sync of this connection is running: wait for it',
  newer_schema: 'the state file was written by a newer provisionkit: upgrade',
  locked: 'another process holds the state file: wait, or close it',
};

/** An error of the command itself (configuration, usage), with its own exit code. */
export class CliError extends InvalidInputError {}

/** The exit code an error calls for. */
export function exitCodeOf(error: unknown): ExitCode {
  if (ProvisioningError.is(error) && error.code === 'conflict' && error.details?.reason === 'stale_plan')
    return EXIT_CODES.stale;
  return EXIT_CODES.error;
}

/**
 * One line saying what failed and what to do: `error: <code>: <message> (<hint>)`; with
 * `verbose`, the stack and causes below it. Every secret of the configuration is cut out.
 */
export function describeError(error: unknown, verbose: boolean, secrets: readonly string[]): string {
  const scrub = (text: string) => (secrets.length === 0 ? text : redactText(text, secrets));
  let line: string;
  if (ProvisioningError.is(error)) {
    const reason = typeof error.details?.reason === 'string' ? error.details.reason : undefined;
    const hint = (reason === undefined ? undefined : REASON_HINTS[reason]) ?? HINTS[error.code] ?? '';
    line = `error: ${error.code}: ${error.message}${hint === '' ? '' : ` (${hint})`}`;
  } else {
    const name = error instanceof Error ? error.name : typeof error;
    const message = error instanceof Error ? error.message : String(error);
    line = `error: internal: ${name}: ${message} (a bug: run with --verbose and report it)`;
  }
  if (!verbose) return scrub(line);
  const details: string[] = [line];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    details.push(depth === 0 ? (current.stack ?? '') : `caused by: ${current.stack ?? current.message}`);
    current = current.cause;
  }
  return scrub(details.join('\n'));
}
