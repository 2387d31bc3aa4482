import { describe, expect, it } from 'vitest';
import { createWallClock } from './timestamps.js';

describe('createWallClock', () => {
  const eastern = createWallClock('America/New_York');

  describe('.format', () => {
    it('formats in the zone across daylight saving time', () => {
      expect(eastern.format(Date.UTC(2024, 6, 1, 12, 0, 0))).toBe('2024-07-01 08:00:00');
      expect(eastern.format(Date.UTC(2024, 0, 15, 12, 0, 5))).toBe('2024-01-15 07:00:05');
    });

    it('handles half-hour zones', () => {
      expect(createWallClock('Asia/Kolkata').format(Date.UTC(2024, 0, 1, 0, 0, 0))).toBe(
        '2024-01-01 05:30:00',
      );
    });
  });

  describe('.parse', () => {
    it('reads zone wall time back to the same instant', () => {
      const at = Date.UTC(2024, 10, 3, 3, 15, 0);
      expect(eastern.parse(eastern.format(at))).toBe(at);
    });

    it('accepts ISO strings with an offset and returns NaN for garbage', () => {
      expect(eastern.parse('2024-07-01T12:00:00Z')).toBe(Date.UTC(2024, 6, 1, 12));
      expect(eastern.parse('yesterday')).toBeNaN();
    });
  });
});
