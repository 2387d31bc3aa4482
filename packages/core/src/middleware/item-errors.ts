import type { ProvisioningError } from '../errors/provisioning-error.js';
import type { BatchItemResult } from '../spi/batch-result.js';
import type { CallState } from './run-operation.js';

/** Item failures that, once the signal fired, say only "interrupted": reported as `cancelled`. */
const INTERRUPTED_CODES: ReadonlySet<string> = new Set(['unavailable', 'provider_error']);

/**
 * A definite item outcome (created, conflict, invalid) stands even after an abort; an item that
 * failed only because its request was interrupted becomes `cancelled`.
 */
export function finalizeItem(item: BatchItemResult, call: CallState): BatchItemResult {
  if (item.ok) return item;
  return { ...item, error: finalizeItemError(item.error, call) };
}

/** The error an item reports: typed and scrubbed, `cancelled` when interrupted by an abort. */
export function finalizeItemError(error: unknown, call: CallState): ProvisioningError {
  const typed = call.scrub(error);
  const interrupted = call.signal.aborted && INTERRUPTED_CODES.has(typed.code);
  return interrupted ? call.finalize(error) : typed;
}
