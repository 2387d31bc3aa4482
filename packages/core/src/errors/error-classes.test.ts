import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  CancelledError,
  ConflictError,
  errorForCode,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  ProviderError,
  RateLimitedError,
  UnavailableError,
  UnsupportedOperationError,
} from './error-classes.js';
import { ERROR_CODES, type ErrorCode, ProvisioningError } from './provisioning-error.js';

const CASES: readonly [new (message: string) => ProvisioningError, ErrorCode, boolean][] = [
  [NotFoundError, 'not_found', false],
  [ConflictError, 'conflict', false],
  [AuthenticationError, 'authentication', false],
  [PermissionDeniedError, 'permission_denied', false],
  [RateLimitedError, 'rate_limited', true],
  [UnavailableError, 'unavailable', true],
  [UnsupportedOperationError, 'unsupported_operation', false],
  [ProviderError, 'provider_error', false],
  [CancelledError, 'cancelled', false],
];

describe('error classes', () => {
  describe('constructor', () => {
    it.each(CASES)('%o carries code %s and retryable %s by default', (ErrorClass, code, retryable) => {
      const error = new ErrorClass('message');
      expect(error.code).toBe(code);
      expect(error.retryable).toBe(retryable);
      expect(error).toBeInstanceOf(ProvisioningError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(ErrorClass.name);
    });
  });
});

describe('InvalidInputError', () => {
  describe('constructor', () => {
    it('keeps the issues on the error and in its details', () => {
      const issues = [{ path: 'input.email', message: 'Invalid email address' }];
      const error = new InvalidInputError('bad', issues, { provider: 'mock' });
      expect(error.code).toBe('invalid_input');
      expect(error.issues).toEqual(issues);
      expect(error.toJSON().details).toEqual({ issues });
      expect(error.provider).toBe('mock');
    });
  });
});

describe('RateLimitedError', () => {
  describe('constructor', () => {
    it('exposes retryAfterMs and puts it in the details', () => {
      const error = new RateLimitedError('slow down', { retryAfterMs: 1500 });
      expect(error.retryAfterMs).toBe(1500);
      expect(error.details).toEqual({ retryAfterMs: 1500 });
    });

    it('leaves retryAfterMs out when the provider did not say', () => {
      const error = new RateLimitedError('slow down');
      expect(error.retryAfterMs).toBeUndefined();
      expect(error.details).toEqual({});
    });
  });
});

describe('CancelledError', () => {
  describe('constructor', () => {
    it('says why in reason and details.reason (aborted unless the connection closed)', () => {
      expect(new CancelledError('stop').details).toEqual({ reason: 'aborted' });
      const closed = new CancelledError('stop', {
        reason: 'connection_closed',
        details: { operation: 'getUser' },
      });
      expect(closed.reason).toBe('connection_closed');
      expect(closed.toJSON().details).toEqual({ operation: 'getUser', reason: 'connection_closed' });
    });

    it('keeps a reason passed in details, as errorForCode and deserialization do', () => {
      const error = errorForCode('cancelled', 'x', { details: { reason: 'connection_closed' } });
      expect(error).toBeInstanceOf(CancelledError);
      expect((error as CancelledError).reason).toBe('connection_closed');
    });
  });
});

describe('errorForCode', () => {
  it.each([['x'], ['constructor'], ['__proto__'], ['toString'], [42], [undefined]])(
    'refuses the unknown code %o with invalid_input',
    (code) => {
      expect(() => errorForCode(code as never, 'message')).toThrow(
        expect.objectContaining({
          code: 'invalid_input',
          issues: [expect.objectContaining({ path: 'code' })],
        }),
      );
    },
  );

  it('refuses a message or options of the wrong type with invalid_input', () => {
    for (const args of [[{}], ['m', null], ['m', 'options'], ['m', { details: 5 }]]) {
      expect(() => (errorForCode as (...values: unknown[]) => unknown)('not_found', ...args)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });

  it.each(ERROR_CODES.map((code) => [code]))('builds an error whose code is %s', (code) => {
    const error = errorForCode(code, 'message', { provider: 'mock' });
    expect(error.code).toBe(code);
    expect(error.provider).toBe('mock');
    expect(ProvisioningError.is(error)).toBe(true);
  });

  it('builds the matching subclass', () => {
    expect(errorForCode('not_found', 'x')).toBeInstanceOf(NotFoundError);
    expect(errorForCode('invalid_input', 'x')).toBeInstanceOf(InvalidInputError);
    expect(errorForCode('rate_limited', 'x').retryable).toBe(true);
  });
});
