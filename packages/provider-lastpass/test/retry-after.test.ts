import { MAX_RETRY_AFTER_MS, type RateLimitedError, silentLogger } from '@provisionkit/core';
import { expectProvisioningError } from '@provisionkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LastPassClient, parseLastPassClientConfig } from '../src/index.js';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { testConfig } from './support/connect.js';

let simulator: LastPassSimulator;
beforeAll(async () => {
  simulator = await startLastPassSimulator();
});
afterAll(() => simulator.close());

describe('LastPassClient against absurd Retry-After headers', () => {
  const asks = ['99999999999999999999999', '9'.repeat(400), 'Thu, 01 Jan 2099 00:00:00 GMT'];
  for (const retryAfter of asks) {
    it(`reports a finite retryAfterMs of at most an hour for ${retryAfter.slice(0, 30)}`, async () => {
      const { timeZone: _zone, ...settings } = testConfig(simulator, { retry: { maxAttempts: 1 } });
      const client = new LastPassClient(parseLastPassClientConfig(settings), silentLogger());
      simulator.faults.next(1, { kind: 'status', status: 429, retryAfter }, { cmd: 'getuserdata' });
      const error = await expectProvisioningError(client.getUserData(), 'rate_limited');
      const { retryAfterMs } = error as RateLimitedError;
      expect(retryAfterMs).toBe(MAX_RETRY_AFTER_MS);
      expect(JSON.parse(JSON.stringify(error)).details).toBeDefined();
      expect(Number.isFinite(retryAfterMs)).toBe(true);
    });
  }
});
