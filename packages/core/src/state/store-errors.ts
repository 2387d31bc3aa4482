import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  UnavailableError,
} from '../errors/error-classes.js';

/** Why a store refused a state change; hosts branch on `details.reason`. */
export type ConflictReason =
  | 'sync_in_progress'
  | 'sync_held'
  | 'lease_lost'
  | 'not_open'
  | 'stale'
  | 'duplicate_id'
  | 'health_changed'
  | 'apply_in_progress'
  | 'plan_changed';

export function storeConflict(
  reason: ConflictReason,
  message: string,
  details: Record<string, unknown> = {},
): ConflictError {
  return new ConflictError(message, { details: { reason, ...details } });
}

export function runNotFound(runId: string): NotFoundError {
  return new NotFoundError(`No sync run ${runId}`, { details: { runId } });
}

export function subscriptionNotFound(id: string): NotFoundError {
  return new NotFoundError(`No webhook subscription ${id}`, { details: { subscriptionId: id } });
}

export function storeClosed(): UnavailableError {
  return new UnavailableError('The state store is closed', {
    retryable: false,
    details: { reason: 'closed' },
  });
}

/** Cursors are opaque to hosts; inside, a decimal log position (`'0'`: before the first event). */
export function parseCursor(cursor: string | undefined, path = 'after'): number {
  if (cursor === undefined) return 0;
  if (/^(0|[1-9][0-9]{0,15})$/.test(cursor)) return Number(cursor);
  throw new InvalidInputError(`Invalid ${path}: not a cursor from this log`, [
    { path, message: 'is not a cursor' },
  ]);
}

export function formatCursor(position: number): string {
  return String(position);
}
