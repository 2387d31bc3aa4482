import { describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError, RateLimitedError } from '../errors/error-classes.js';
import { ProvisioningError } from '../errors/provisioning-error.js';
import { copyError, scrubError } from './scrub-error.js';

const CANARY = 'canary-9f8e7d6c5b4a';

describe('scrubError', () => {
  it('keeps class, code, provider and retryability', () => {
    const error = new RateLimitedError(`slow ${CANARY}`, { provider: 'mock', retryAfterMs: 20 });
    const scrubbed = scrubError(error, [CANARY]);
    expect(scrubbed).toBeInstanceOf(RateLimitedError);
    expect(scrubbed.code).toBe('rate_limited');
    expect(scrubbed.provider).toBe('mock');
    expect(scrubbed.retryable).toBe(true);
    expect((scrubbed as RateLimitedError).retryAfterMs).toBe(20);
    expect(ProvisioningError.is(scrubbed)).toBe(true);
  });

  it('removes the secret from message, stack, details and issues', () => {
    const error = new InvalidInputError(`bad ${CANARY}`, [{ path: 'input.note', message: `got ${CANARY}` }], {
      details: { body: `provhash=${CANARY}`, password: 'plain' },
    });
    const scrubbed = scrubError(error, [CANARY]) as InvalidInputError;
    expect(scrubbed.message).not.toContain(CANARY);
    expect(scrubbed.stack ?? '').not.toContain(CANARY);
    expect(JSON.stringify(scrubbed)).not.toContain(CANARY);
    expect(JSON.stringify(scrubbed)).not.toContain('plain');
    expect(JSON.stringify(scrubbed.issues)).not.toContain(CANARY);
    expect(scrubbed.issues[0]?.path).toBe('input.note');
  });

  it('removes half a hash cut off by an excerpt and a URL-encoded echo from the details', () => {
    const provhash = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9+/=&';
    const error = new NotFoundError('missing', {
      details: {
        excerpt: `{"cmd":"getuserdata","provhash":"${provhash.slice(0, 34)}`,
        echoed: `provhash=${encodeURIComponent(provhash)}&cmd=x`,
      },
    });
    const text = JSON.stringify(scrubError(error, [provhash]));
    expect(text).not.toContain(provhash.slice(0, 22));
    expect(text).not.toContain(encodeURIComponent(provhash).slice(-22));
    expect(text).toContain('getuserdata');
  });

  it('keeps the cause, which toJSON never serializes', () => {
    const cause = new Error(CANARY);
    const scrubbed = scrubError(new NotFoundError('missing', { cause }), [CANARY]);
    expect(scrubbed.cause).toBe(cause);
    expect(JSON.stringify(scrubbed)).not.toContain(CANARY);
  });

  it('leaves the original error untouched', () => {
    const error = new NotFoundError(`missing ${CANARY}`);
    scrubError(error, [CANARY]);
    expect(error.message).toContain(CANARY);
  });
});

describe('copyError', () => {
  it('fills in a missing provider but keeps an existing one', () => {
    expect(copyError(new NotFoundError('x'), { secrets: [], provider: 'mock' }).provider).toBe('mock');
    expect(
      copyError(new NotFoundError('x', { provider: 'lastpass' }), { secrets: [], provider: 'mock' }).provider,
    ).toBe('lastpass');
  });
});
