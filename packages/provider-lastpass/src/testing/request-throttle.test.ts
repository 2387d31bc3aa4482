import { describe, expect, it } from 'vitest';
import { RequestThrottle } from './request-throttle.js';

describe('RequestThrottle', () => {
  describe('.admit', () => {
    it('accepts N requests in any second and refuses the rest', () => {
      const throttle = new RequestThrottle({ requestsPerSecond: 3 });
      expect([0, 10, 20, 30, 999].map((at) => throttle.admit(at))).toEqual([true, true, true, false, false]);
      // The first slides out of the window at 1000: one more fits, then none until 1010.
      expect([1000, 1001, 1010].map((at) => throttle.admit(at))).toEqual([true, false, true]);
    });

    it('accepts exactly N a second from a caller that sends far more', () => {
      const throttle = new RequestThrottle({ requestsPerSecond: 50 });
      let accepted = 0;
      for (let at = 0; at < 10_000; at += 2) if (throttle.admit(at)) accepted++;
      expect(accepted).toBe(500);
    });
  });

  describe('.refusalHeaders', () => {
    it('sends Retry-After only when configured', () => {
      expect(new RequestThrottle({ requestsPerSecond: 1 }).refusalHeaders).toEqual({});
      expect(new RequestThrottle({ requestsPerSecond: 1, retryAfterSeconds: 2 }).refusalHeaders).toEqual({
        'retry-after': '2',
      });
    });
  });
});
