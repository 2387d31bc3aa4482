import { describe, expect, it } from 'vitest';
import { IdCache } from './id-cache.js';

describe('IdCache', () => {
  it('remembers, updates and forgets ids', () => {
    const cache = new IdCache();
    cache.remember('1', 'a@example.com');
    cache.remember('1', 'b@example.com');
    expect(cache.get('1')).toBe('b@example.com');
    cache.forget('1');
    expect(cache.get('1')).toBeUndefined();
  });

  it('keeps nothing with a capacity of 0', () => {
    const cache = new IdCache(0);
    cache.remember('1', 'a');
    expect(cache.size).toBe(0);
  });

  it('drops the oldest entry beyond its capacity', () => {
    const cache = new IdCache(2);
    cache.remember('1', 'a');
    cache.remember('2', 'b');
    cache.remember('3', 'c');
    expect([cache.get('1'), cache.get('2'), cache.get('3'), cache.size]).toEqual([undefined, 'b', 'c', 2]);
  });
});
