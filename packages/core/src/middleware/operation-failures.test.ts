import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  UnavailableError,
} from '../errors/error-classes.js';
import { createLogger } from '../logging/create-logger.js';
import { fakeDirectory, rejection, wrap } from './fake-directory-test-helpers.js';

const API_KEY = 'canary-7a6b5c4d3e2f';
const PASSWORD = 'hunter2-hunter2-x';

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const write = (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>);
  return { lines, logger: createLogger({ destination: { write } }) };
}

describe('wrapDirectory', () => {
  describe('retryable flags', () => {
    it.each([
      ['not_found', () => new NotFoundError('gone', { retryable: true })],
      ['conflict', () => new ConflictError('taken', { retryable: true })],
      ['invalid_input', () => new InvalidInputError('bad', [], { retryable: true })],
    ])('clears retryable on %s, which repeating the call cannot fix', async (code, make) => {
      const fake = fakeDirectory();
      fake.getUser.mockRejectedValueOnce(make());
      const error = await rejection(wrap(fake).getUser({ id: '1' }));
      expect(error.code).toBe(code);
      expect(error.retryable).toBe(false);
    });

    it('keeps retryable as the provider set it on other codes', async () => {
      const fake = fakeDirectory();
      fake.getUser.mockRejectedValueOnce(new UnavailableError('down', { retryable: false }));
      expect((await rejection(wrap(fake).getUser({ id: '1' }))).retryable).toBe(false);
    });
  });

  describe('failure log lines', () => {
    it("carry the error's message and cause chain, without the connection's or the call's secrets", async () => {
      const { lines, logger } = memoryLogger();
      const fake = fakeDirectory();
      const cause = new Error(`POST /users {"password":"${PASSWORD}","key":"${API_KEY}"}`, {
        cause: new Error('socket hang up'),
      });
      fake.createUser.mockRejectedValueOnce(new UnavailableError('create failed', { cause }));
      const directory = wrap(fake, { logger, secrets: [API_KEY] });
      await rejection(directory.createUser({ userName: 'ada@x.test', password: PASSWORD }));
      const line = lines.find((entry) => entry.msg === 'createUser error');
      expect(line?.error).toMatchObject({
        name: 'UnavailableError',
        code: 'unavailable',
        message: 'create failed',
        cause: { name: 'Error', cause: { name: 'Error', message: 'socket hang up' } },
      });
      const text = JSON.stringify(lines);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(API_KEY);
    });
  });
});
