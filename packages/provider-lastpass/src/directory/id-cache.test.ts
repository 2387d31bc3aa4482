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

  it('stays within capacity over a long run, keeping the newest and the recently re-remembered', () => {
    const cache = new IdCache(100);
    for (let id = 0; id < 1_000; id++) {
      cache.remember(String(id), `user${id}`);
      if (id % 50 === 0) cache.remember('keep', 'kept@example.com');
      expect(cache.size).toBeLessThanOrEqual(100);
    }
    expect(cache.size).toBeGreaterThanOrEqual(90);
    expect(cache.get('999')).toBe('user999');
    expect(cache.get('keep')).toBe('kept@example.com');
    expect(cache.get('0')).toBeUndefined();
  });

  describe('.offer', () => {
    it('fills free room, updates a known id whose name changed, and never evicts', () => {
      const cache = new IdCache(3);
      cache.remember('1', 'a');
      cache.offer('2', 'b');
      cache.offer('3', 'c');
      cache.offer('4', 'd');
      cache.offer('1', 'a2');
      expect([cache.get('1'), cache.get('2'), cache.get('3'), cache.get('4'), cache.size]).toEqual([
        'a2',
        'b',
        'c',
        undefined,
        3,
      ]);
    });

    it('leaves what lookups remembered in place through a listing ten times its capacity', () => {
      const cache = new IdCache(100);
      cache.remember('looked-up', 'kept@example.com');
      for (let id = 0; id < 1_000; id++) cache.offer(String(id), `user${id}`);
      expect(cache.size).toBe(100);
      expect(cache.get('looked-up')).toBe('kept@example.com');
      expect(cache.get('0')).toBe('user0');
      expect(cache.get('999')).toBeUndefined();
    });
  });
});
