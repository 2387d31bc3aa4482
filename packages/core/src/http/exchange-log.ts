import type { Logger } from '../composition/logger.js';
import type { ErrorCode } from '../errors/provisioning-error.js';

/** How an exchange ended: `retry` means another attempt (or a settle read) follows. */
export type ExchangeOutcome = 'ok' | 'retry' | 'failed' | 'cancelled';

/** The one log line of an HTTP exchange. Paths are templates; no query, body or header is logged. */
export interface ExchangeRecord {
  readonly operation?: string | undefined;
  readonly method: string;
  readonly host: string;
  readonly path: string;
  /** `null` when no answer came (timeout, reset, cancelled). */
  readonly status: number | null;
  readonly durationMs: number;
  readonly attempt: number;
  readonly outcome: ExchangeOutcome;
  readonly errorCode?: ErrorCode | undefined;
  /** Why it failed, when the error says (`timeout`, `redirect`, `response_too_large`). */
  readonly reason?: string | undefined;
}

export function logExchange(logger: Logger, record: ExchangeRecord): void {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) fields[key] = value;
  if (record.outcome === 'ok' || record.outcome === 'cancelled') logger.info(fields, 'http exchange');
  else logger.warn(fields, 'http exchange');
}
