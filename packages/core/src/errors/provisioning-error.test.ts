import { describe, expect, it } from 'vitest';
import { NotFoundError, ProviderError, RateLimitedError } from './error-classes.js';
import { ERROR_CODES, ProvisioningError } from './provisioning-error.js';

const BRAND = Symbol.for('@provisionkit/core/ProvisioningError');

/** What an error thrown by a second installed copy of core looks like: another class, same brand. */
function errorFromAnotherCopy(code: string): Error {
  class ForeignProvisioningError extends Error {
    readonly code = code;
    readonly retryable = false;
    constructor() {
      super('from another copy');
      Object.defineProperty(this, BRAND, { value: true, enumerable: false });
    }
  }
  return new ForeignProvisioningError();
}

describe('ProvisioningError', () => {
  describe('.is', () => {
    it('accepts instances of any subclass on the base class', () => {
      expect(ProvisioningError.is(new NotFoundError('x'))).toBe(true);
      expect(ProvisioningError.is(new ProviderError('x'))).toBe(true);
    });

    it('on a subclass accepts only that code', () => {
      expect(NotFoundError.is(new NotFoundError('x'))).toBe(true);
      expect(NotFoundError.is(new ProviderError('x'))).toBe(false);
    });

    it('recognises an error from another copy of core by its global brand', () => {
      const foreign = errorFromAnotherCopy('not_found');
      expect(foreign instanceof ProvisioningError).toBe(false);
      expect(ProvisioningError.is(foreign)).toBe(true);
      expect(NotFoundError.is(foreign)).toBe(true);
      expect(RateLimitedError.is(foreign)).toBe(false);
    });

    it('rejects look-alikes without the brand and non-objects', () => {
      expect(ProvisioningError.is({ code: 'not_found', message: 'x' })).toBe(false);
      expect(ProvisioningError.is(new Error('x'))).toBe(false);
      expect(ProvisioningError.is(null)).toBe(false);
      expect(ProvisioningError.is('not_found')).toBe(false);
    });
  });

  describe('.toJSON', () => {
    it('serializes code, message, provider, retryable and details but never cause or stack', () => {
      const cause = new Error('upstream said provhash=abcdef123456');
      const error = new NotFoundError('no such user', { provider: 'mock', cause, details: { ref: 'id 7' } });
      const json = JSON.parse(JSON.stringify(error));
      expect(json).toEqual({
        name: 'NotFoundError',
        code: 'not_found',
        message: 'no such user',
        provider: 'mock',
        retryable: false,
        details: { ref: 'id 7' },
      });
      expect(JSON.stringify(error)).not.toContain('abcdef123456');
      expect(error.cause).toBe(cause);
    });

    it('omits provider and details when absent', () => {
      expect(Object.keys(new ProviderError('x').toJSON()).sort()).toEqual([
        'code',
        'message',
        'name',
        'retryable',
      ]);
    });
  });

  describe('constructor', () => {
    it('defaults retryable from the subclass and lets options override it', () => {
      expect(new ProviderError('x').retryable).toBe(false);
      expect(new RateLimitedError('x').retryable).toBe(true);
      expect(new ProviderError('x', { retryable: true }).retryable).toBe(true);
    });

    it('has a code from the closed list', () => {
      expect(ERROR_CODES).toContain(new ProvisioningError('x').code);
    });
  });
});
