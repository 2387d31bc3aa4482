import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLink, parseLinkHeader } from './link-header.js';

describe('parseLinkHeader', () => {
  it('reads several links with quoted and bare parameters', () => {
    const header =
      '<https://api.test/users?page=2&per_page=100>; rel="next", <https://api.test/users?page=9>; rel=last; title="a, b; c"';
    expect(parseLinkHeader(header)).toEqual([
      { target: 'https://api.test/users?page=2&per_page=100', params: { rel: 'next' } },
      { target: 'https://api.test/users?page=9', params: { rel: 'last', title: 'a, b; c' } },
    ]);
  });

  it('gives nothing for an absent, empty or oversized header and never throws on garbage', () => {
    expect(parseLinkHeader(null)).toEqual([]);
    expect(parseLinkHeader('')).toEqual([]);
    expect(parseLinkHeader(`<${'a'.repeat(70_000)}>; rel=next`)).toEqual([]);
    fc.assert(fc.property(fc.string(), (text) => Array.isArray(parseLinkHeader(text))));
  });
});

describe('findLink', () => {
  it('matches a relation among several, case-insensitively', () => {
    expect(findLink('</a>; rel="prev", </b>; REL="Last NEXT"', 'next')).toBe('/b');
    expect(findLink('</a>; rel="nextish"', 'next')).toBeUndefined();
  });
});
