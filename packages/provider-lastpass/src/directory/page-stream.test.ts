import { ProviderError } from '@provisionkit/core';
import { describe, expect, it } from 'vitest';
import type { GetUserDataResponse } from '../client/index.js';
import { type FetchPage, userPages } from './page-stream.js';

function pageOf(ids: number[], total: number): GetUserDataResponse {
  return {
    total,
    count: ids.length,
    users: ids.map((id) => ({ id: String(id), username: `u${id}@example.com` }) as never),
    groups: [],
    invited: [],
  };
}

/** A company of `size` users served in pages of `size`; records every page index asked for. */
function company(size: number, pageSize: number, options: { failAt?: number; totalOverride?: number } = {}) {
  const asked: number[] = [];
  const fetchPage: FetchPage = async (index) => {
    asked.push(index);
    if (index === options.failAt) throw new ProviderError('page failed');
    const ids = Array.from({ length: size }, (_, i) => i).slice(index * pageSize, (index + 1) * pageSize);
    return pageOf(ids, options.totalOverride ?? size);
  };
  return { asked, fetchPage };
}

async function drain(pages: AsyncIterable<GetUserDataResponse>): Promise<number> {
  let users = 0;
  for await (const page of pages) users += page.users.length;
  return users;
}

describe('userPages', () => {
  it('stops when the users seen reach total, without asking for an empty page', async () => {
    const { asked, fetchPage } = company(10, 5);
    expect(await drain(userPages(fetchPage))).toBe(10);
    expect(asked).toEqual([0, 1]);
  });

  it('keeps paging after a short page while total says there is more (a capped pagesize)', async () => {
    const asked: number[] = [];
    const fetchPage: FetchPage = async (index) => {
      asked.push(index);
      return pageOf(index < 3 ? [index] : [], 3);
    };
    expect(await drain(userPages(fetchPage))).toBe(3);
    expect(asked).toEqual([0, 1, 2]);
  });

  it('stops on an empty page even when total promised more', async () => {
    const { asked, fetchPage } = company(4, 2, { totalOverride: 100 });
    expect(await drain(userPages(fetchPage))).toBe(4);
    expect(asked).toEqual([0, 1, 2]);
  });

  it('yields nothing for an empty company after one call', async () => {
    const { asked, fetchPage } = company(0, 5);
    expect(await drain(userPages(fetchPage))).toBe(0);
    expect(asked).toEqual([0]);
  });

  it('throws a failed page instead of ending the list', async () => {
    const { fetchPage } = company(10, 2, { failAt: 2 });
    await expect(drain(userPages(fetchPage))).rejects.toMatchObject({ code: 'provider_error' });
  });

  it('asks for at most one page ahead of the caller', async () => {
    const { asked, fetchPage } = company(100, 10);
    const pages = userPages(fetchPage);
    await pages.next();
    expect(asked).toEqual([0, 1]);
    await pages.next();
    expect(asked).toEqual([0, 1, 2]);
    await pages.return(undefined);
  });

  it('lets the page fetched ahead finish unread when the caller stops early, without an unhandled rejection', async () => {
    let settle: (() => void) | undefined;
    const fetchPage: FetchPage = (index) => {
      if (index === 0) return Promise.resolve(pageOf([1], 5));
      return new Promise((_, reject) => {
        settle = () => reject(new ProviderError('late failure'));
      });
    };
    for await (const _page of userPages(fetchPage)) break;
    settle?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(settle).toBeDefined();
  });

  it("passes the caller's signal to every page request", async () => {
    const controller = new AbortController();
    const signals: (AbortSignal | undefined)[] = [];
    const fetchPage: FetchPage = async (index, signal) => {
      signals.push(signal);
      return pageOf(index < 2 ? [index] : [], 2);
    };
    await drain(userPages(fetchPage, controller.signal));
    expect(signals).toEqual([controller.signal, controller.signal]);
  });

  it('keeps `ahead` pages in flight, yet never asks past the end that total and page length show', async () => {
    let inFlight = 0;
    let most = 0;
    const asked: number[] = [];
    const fetchPage: FetchPage = async (index) => {
      asked.push(index);
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      const ids = Array.from({ length: 45 }, (_, i) => i).slice(index * 10, (index + 1) * 10);
      return pageOf(ids, 45);
    };
    expect(await drain(userPages(fetchPage, undefined, 2))).toBe(45);
    expect(asked).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });
});
