import { ProvisioningError, UnavailableError } from '@provisionkit/core';

/** Why the SQLite file cannot be used; hosts branch on `details.reason`. */
export type SqliteFailure = 'unreadable' | 'locked' | 'corrupt' | 'newer_schema' | 'unexpected';

const LOCKED = /^SQLITE_(BUSY|LOCKED)/;
const CORRUPT = /^SQLITE_(CORRUPT|NOTADB)/;
const UNREADABLE = /^SQLITE_(CANTOPEN|PERM|READONLY|IOERR|AUTH|FULL)/;

const MESSAGES: Record<SqliteFailure, string> = {
  unreadable: 'The state store file cannot be opened, read or written',
  locked: 'The state store file is locked by another process',
  corrupt: 'The state store file is corrupt or not a database',
  newer_schema: 'The state store file was written by a newer version of provisionkit',
  unexpected: 'The state store failed unexpectedly',
};

/**
 * Turns a better-sqlite3 or file-system error into `UnavailableError` with `details.reason`; only
 * a lock is retryable. Messages never quote the driver's text (it may hold a path or SQL). A
 * `ProvisioningError` (a conflict the store raised, say) passes through unchanged.
 */
export function toStoreError(error: unknown, fallback: SqliteFailure = 'unexpected'): ProvisioningError {
  if (ProvisioningError.is(error)) return error;
  const reason = failureOf(error) ?? fallback;
  const code = (error as { code?: unknown } | null)?.code;
  return new UnavailableError(MESSAGES[reason], {
    retryable: reason === 'locked',
    cause: error,
    details: { reason, ...(typeof code === 'string' ? { sqliteCode: code } : {}) },
  });
}

function failureOf(error: unknown): SqliteFailure | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (LOCKED.test(code)) return 'locked';
  if (CORRUPT.test(code)) return 'corrupt';
  if (UNREADABLE.test(code) || code === 'EACCES' || code === 'ENOENT' || code === 'EISDIR')
    return 'unreadable';
  return undefined;
}
