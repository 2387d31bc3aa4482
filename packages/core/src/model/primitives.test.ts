import { describe, expect, it } from 'vitest';
import { Attributes, IsoTimestamp, normalizeUserName, sameUserName, UserName } from './primitives.js';

describe('sameUserName', () => {
  it('compares case-insensitively and ignores surrounding spaces', () => {
    expect(sameUserName('Ada@Example.COM', ' ada@example.com')).toBe(true);
  });

  it('tells different names apart', () => {
    expect(sameUserName('ada@example.com', 'ada@example.org')).toBe(false);
  });
});

describe('normalizeUserName', () => {
  it('lower-cases and trims', () => {
    expect(normalizeUserName('  Ada@Example.COM ')).toBe('ada@example.com');
  });
});

describe('UserName', () => {
  it('trims and bounds the length', () => {
    expect(UserName.parse(' ada ')).toBe('ada');
    expect(UserName.safeParse('').success).toBe(false);
    expect(UserName.safeParse('a'.repeat(257)).success).toBe(false);
  });
});

describe('IsoTimestamp', () => {
  it('requires an explicit offset or Z', () => {
    expect(IsoTimestamp.safeParse('2024-05-11T15:02:26+02:00').success).toBe(true);
    expect(IsoTimestamp.safeParse('2024-05-11T15:02:26').success).toBe(false);
  });
});

describe('Attributes', () => {
  it('accepts flat scalars and rejects arrays', () => {
    expect(Attributes.safeParse({ a: 'x', b: 1, c: false, d: null }).success).toBe(true);
    expect(Attributes.safeParse({ a: ['x'] }).success).toBe(false);
  });
});
