import { AuthenticationError, ProviderError } from '@provisionkit/core';
import { describe, expect, it } from 'vitest';
import type { GetUserDataResponse } from '../client/index.js';
import { type FetchPage, type UserPagesOptions, userPages } from './page-stream.js';

function pageOf(ids: number[], total: number | undefined): GetUserDataResponse {
  return {
    total,
    count: ids.length,
    users: ids.map((id) => ({ id: String(id), username: `u${id}@example.com` }) as never),
    groups: [],
    invited: [],
  };
}

const failAnswer = () =>
  new ProviderError('LastPass getuserdata failed', { details: { cmd: 'getuserdata', status: 'FAIL' } });

/** A company of `size` users served in pages of `pageSize`; records every page index asked for. */
function company(
  size: number,
  pageSize: number,
  options: { pastEnd?: 'empty' | 'fail'; total?: number } = {},
) {
  const asked: number[] = [];
  const fetchPage: FetchPage = async (index) => {
    asked.push(index);
    const ids = Array.from({ length: size }, (_, i) => i).slice(index * pageSize, (index + 1) * pageSize);
    if (ids.length === 0 && index > 0 && options.pastEnd === 'fail') throw failAnswer();
    return pageOf(ids, options.total ?? size);
  };
  return { asked, fetchPage };
}

const settings = (pageSize: number, more: Partial<UserPagesOptions> = {}): UserPagesOptions => ({
  pageSize,
  total: 'exact',
  maxItems: 10_000,
  ...more,
});

async function drain(pages: AsyncIterable<GetUserDataResponse>): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of pages) ids.push(...page.users.map((user) => user.id));
  return ids;
}

describe('userPages', () => {
  it('ends on the empty page after the last one', async () => {
    const { asked, fetchPage } = company(10, 5);
    expect(await drain(userPages(fetchPage, settings(5)))).toHaveLength(10);
    expect(asked).toEqual([0, 1, 2]);
  });

  it('takes a FAIL answer past the last page as the end once total is reached [U]', async () => {
    const { asked, fetchPage } = company(10, 5, { pastEnd: 'fail' });
    expect(await drain(userPages(fetchPage, settings(5)))).toHaveLength(10);
    expect(asked).toEqual([0, 1, 2]);
  });

  it('throws a FAIL answer before total is reached, and any other failure anywhere', async () => {
    const early = company(10, 5, { pastEnd: 'fail', total: 12 });
    await expect(drain(userPages(early.fetchPage, settings(5)))).rejects.toThrow(failAnswer().message);
    const refused: FetchPage = async (index) => {
      if (index === 2) throw new AuthenticationError('refused', { details: { status: 'FAIL' } });
      return pageOf(index < 2 ? [index] : [], 2);
    };
    await expect(drain(userPages(refused, settings(1)))).rejects.toMatchObject({ code: 'authentication' });
  });

  it('keeps paging after a short page while total says there is more (a capped pagesize)', async () => {
    const { asked, fetchPage } = company(3, 1);
    expect(await drain(userPages(fetchPage, settings(10)))).toEqual(['0', '1', '2']);
    // Pages are addressed by index alone: those asked for ahead stay right after a short page.
    expect(asked).toEqual([0, 1, 2, 3]);
  });

  it('throws on an empty page while total promises more, unless total is only an upper bound', async () => {
    const { fetchPage } = company(4, 2, { total: 100 });
    await expect(drain(userPages(fetchPage, settings(2)))).rejects.toMatchObject({
      code: 'provider_error',
      details: { reason: 'ended_before_total' },
    });
    expect(await drain(userPages(fetchPage, settings(2, { total: 'upper-bound' })))).toHaveLength(4);
  });

  it('drops a user already listed on an earlier page (offset paging over a changing company)', async () => {
    const pages = [pageOf([1, 2, 3], 5), pageOf([3, 4, 5], 5), pageOf([], 5)];
    const fetchPage: FetchPage = async (index) => pages[index]!;
    expect(await drain(userPages(fetchPage, settings(3)))).toEqual(['1', '2', '3', '4', '5']);
  });

  it('yields nothing for an empty company after one call', async () => {
    const { asked, fetchPage } = company(0, 5);
    expect(await drain(userPages(fetchPage, settings(5)))).toEqual([]);
    expect(asked).toEqual([0]);
  });

  it('asks for at most two pages ahead of the caller', async () => {
    const { asked, fetchPage } = company(100, 10);
    const pages = userPages(fetchPage, settings(10));
    await pages.next();
    expect(asked).toEqual([0, 1, 2]);
    await pages.next();
    expect(asked).toEqual([0, 1, 2, 3]);
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
    for await (const _page of userPages(fetchPage, settings(1))) break;
    settle?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(settle).toBeDefined();
  });

  it("aborts every page request in flight with the caller's signal", async () => {
    const controller = new AbortController();
    const signals: (AbortSignal | undefined)[] = [];
    const fetchPage: FetchPage = (index, signal) => {
      signals.push(signal);
      if (index === 0) return Promise.resolve(pageOf([0], 5));
      return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    };
    const pages = userPages(fetchPage, settings(1, { signal: controller.signal }));
    await pages.next();
    const reason = new Error('host stopped');
    controller.abort(reason);
    await expect(pages.next()).rejects.toMatchObject({ code: 'cancelled' });
    expect(signals.slice(1).map((signal) => signal?.reason)).toEqual([reason, reason]);
  });

  it('keeps `ahead` pages in flight, yet never asks past the page that ends the listing', async () => {
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
    expect(await drain(userPages(fetchPage, settings(10, { ahead: 2 })))).toHaveLength(45);
    expect(asked).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });
});
