import { InvalidInputError, isSecretSchema } from '@provisionkit/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, LastPassClientConfig, parseLastPassClientConfig } from './client-config.js';

const minimal = { cid: 1234567, provhash: 'p'.repeat(64) };

function refusalOf(input: unknown): InvalidInputError {
  try {
    parseLastPassClientConfig(input);
  } catch (error) {
    if (InvalidInputError.is(error)) return error;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('LastPassClientConfig', () => {
  describe('parseLastPassClientConfig', () => {
    it('fills every default, nested ones included', () => {
      const config = parseLastPassClientConfig(minimal);
      expect(config).toMatchObject({
        baseUrl: DEFAULT_BASE_URL,
        timeoutMs: 30_000,
        pageSize: 1000,
        batchSize: 500,
        limits: { maxConcurrent: 4, adaptive: true },
        retry: {
          maxAttempts: 4,
          baseDelayMs: 250,
          maxDelayMs: 10_000,
          jitter: 'full',
          maxRetryAfterMs: 60_000,
        },
      });
      expect(config.retry.retryOn).toEqual(['rate_limited', 'unavailable']);
      // No fixed rate: LastPass publishes none, and the adaptive rate follows what it answers.
      expect(config.limits.requestsPerSecond).toBeUndefined();
      expect(config.apiUser).toBeUndefined();
    });

    it('normalizes a numeric-string cid to a number', () => {
      expect(parseLastPassClientConfig({ ...minimal, cid: ' 8771312 ' }).cid).toBe(8771312);
    });

    it.each([0, -3, 1.5, 'abc', '012', ''])('refuses cid %j', (cid) => {
      const error = refusalOf({ ...minimal, cid });
      expect(error.code).toBe('invalid_input');
      expect(error.issues.map((issue) => issue.path)).toContain('config.cid');
    });

    it('refuses an empty provhash', () => {
      expect(refusalOf({ ...minimal, provhash: '' }).issues[0]?.path).toBe('config.provhash');
    });

    it('refuses plain http towards a non-loopback host', () => {
      const error = refusalOf({ ...minimal, baseUrl: 'http://lastpass.example.com/enterpriseapi.php' });
      expect(error.code).toBe('invalid_input');
      expect(error.provider).toBe('lastpass');
      expect(error.issues.map((issue) => issue.path)).toEqual(['config.baseUrl']);
    });

    it.each([
      'http://127.0.0.1:8080/enterpriseapi.php',
      'http://127.20.3.4/enterpriseapi.php',
      'http://localhost:9000/enterpriseapi.php',
      'http://[::1]:9000/enterpriseapi.php',
      'https://lastpass.example.com/enterpriseapi.php',
    ])('accepts %s', (baseUrl) => {
      expect(parseLastPassClientConfig({ ...minimal, baseUrl }).baseUrl).toBe(baseUrl);
    });

    it.each(['ftp://127.0.0.1/x', 'not a url', 'http://127.0.0.1.evil.example/x'])(
      'refuses %s',
      (baseUrl) => {
        expect(refusalOf({ ...minimal, baseUrl }).issues[0]?.path).toBe('config.baseUrl');
      },
    );

    it('refuses a page size above 2000 and a batch size of 0', () => {
      const error = refusalOf({ ...minimal, pageSize: 2001, batchSize: 0 });
      expect(error.issues.map((issue) => issue.path).sort()).toEqual(['config.batchSize', 'config.pageSize']);
    });

    it('never echoes the provhash in a refusal', () => {
      const error = refusalOf({
        cid: 'x',
        provhash: 'canary-provhash-0123456789abcdef',
        baseUrl: 'http://a.b',
      });
      expect(JSON.stringify(error)).not.toContain('canary-provhash');
    });
  });

  describe('.shape.provhash', () => {
    it('is marked secret', () => {
      expect(isSecretSchema(LastPassClientConfig.shape.provhash)).toBe(true);
    });
  });
});
