import { NotFoundError, UnavailableError } from '@provisionkit/core';
import { describe, expect, it, vi } from 'vitest';
import {
  callWithRetries,
  type ExchangeReport,
  type ExchangeResult,
  READ_BACK_CONFIRMED,
  type RetrySettings,
} from './call-with-retries.js';
import { RetryPolicy } from './retry-policy.js';

const timeout = (): ExchangeResult => ({
  outcome: { kind: 'error', error: new UnavailableError('timed out', { details: { reason: 'timeout' } }) },
  httpStatus: null,
  durationMs: 1,
});
const ok = (): ExchangeResult => ({
  outcome: { kind: 'ok', body: {}, info: [] },
  httpStatus: 200,
  durationMs: 1,
});

function settings(overrides: Partial<RetrySettings> = {}): RetrySettings & { reports: ExchangeReport[] } {
  const reports: ExchangeReport[] = [];
  return {
    policy: RetryPolicy.parse({ jitter: 'none' }),
    idempotent: false,
    sleep: async () => {},
    random: () => 1,
    report: (report) => reports.push(report),
    reports,
    ...overrides,
  };
}

describe('callWithRetries', () => {
  it("rethrows the caller's abort from an exchange and reports it once as cancelled", async () => {
    const reason = new Error('stop');
    const run = settings();
    const exchange = vi.fn(
      async (): Promise<ExchangeResult> => ({ aborted: reason, httpStatus: null, durationMs: 2 }),
    );
    await expect(callWithRetries(exchange, run)).rejects.toBe(reason);
    expect(run.reports).toEqual([{ attempt: 1, httpStatus: null, durationMs: 2, outcome: 'cancelled' }]);
  });

  it('lets an abort win over a failing read-back', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const readBack = async (): Promise<boolean> => {
      controller.abort(reason);
      throw new Error('read-back interrupted');
    };
    const run = settings({ readBack, signal: controller.signal });
    await expect(callWithRetries(async () => timeout(), run)).rejects.toBe(reason);
  });

  it('reads back again before each further resend of a non-idempotent write', async () => {
    const readBack = vi.fn(async () => false);
    const exchange = vi.fn<() => Promise<ExchangeResult>>();
    exchange.mockResolvedValueOnce(timeout()).mockResolvedValueOnce(timeout()).mockResolvedValueOnce(ok());
    await expect(callWithRetries(exchange, settings({ readBack }))).resolves.toMatchObject({ kind: 'ok' });
    expect(readBack).toHaveBeenCalledTimes(2);
    expect(exchange).toHaveBeenCalledTimes(3);
  });

  it('reads back, rather than trusting it, when a resend after a lost attempt is refused', async () => {
    const refused = (): ExchangeResult => ({
      outcome: { kind: 'error', error: new NotFoundError('No such user') },
      httpStatus: 200,
      durationMs: 1,
    });
    const applied = vi.fn<() => Promise<boolean>>().mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    const exchange = vi.fn<() => Promise<ExchangeResult>>();
    exchange.mockResolvedValueOnce(timeout()).mockResolvedValueOnce(refused());
    const run = settings({ readBack: applied });
    await expect(callWithRetries(exchange, run)).resolves.toMatchObject({ info: [READ_BACK_CONFIRMED] });
    expect(run.reports.map((report) => report.outcome)).toEqual(['retry', 'ok']);

    const notApplied = vi.fn(async () => false);
    exchange.mockResolvedValueOnce(timeout()).mockResolvedValueOnce(refused());
    await expect(callWithRetries(exchange, settings({ readBack: notApplied }))).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('reads back once more when the last attempt is lost too', async () => {
    const readBack = vi.fn<() => Promise<boolean>>().mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    const run = settings({ readBack, policy: RetryPolicy.parse({ jitter: 'none', maxAttempts: 2 }) });
    await expect(callWithRetries(async () => timeout(), run)).resolves.toMatchObject({ kind: 'ok' });
    expect(readBack).toHaveBeenCalledTimes(2);
  });

  it('never reads back around a refusal that no lost attempt preceded', async () => {
    const readBack = vi.fn(async () => true);
    const refused: ExchangeResult = {
      outcome: { kind: 'error', error: new NotFoundError('No such user') },
      httpStatus: 200,
      durationMs: 1,
    };
    await expect(callWithRetries(async () => refused, settings({ readBack }))).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(readBack).not.toHaveBeenCalled();
  });
});
