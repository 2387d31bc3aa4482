import { InvalidInputError, ProviderError } from '../../errors/error-classes.js';
import { HttpClient } from '../http-client.js';
import type { HttpRequest } from '../http-request.js';
import type { HttpResponse } from '../http-response.js';
import { findLink } from './link-header.js';
import type { Page, PageGuardOptions } from './page-guard.js';
import { checkPagingOptions, PageByLinkShape } from './page-options.js';
import { paginate } from './paginate.js';

export interface PageByLinkOptions<T> extends Omit<PageGuardOptions, 'provider'> {
  readonly client: HttpClient;
  /** The first page's request (a GET); later pages are the `rel="next"` URLs as given. */
  readonly first: Omit<HttpRequest<never>, 'read' | 'settle' | 'signal' | 'method'>;
  /** Reads one page's items (and total, if any) from its answer. */
  readonly readPage: (response: HttpResponse) => Promise<Page<T>>;
  readonly itemId: (item: T) => string | number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Pages by RFC 8288 `Link` headers (`rel="next"`), as GitHub-style APIs do. A next link is
 * followed only on the client's own origin: one pointing elsewhere ends the listing with
 * `provider_error` (`next_link_off_origin`) and is never sent the credentials. A next link seen
 * before ends it with `repeated_cursor`.
 */
export function pageByLink<T>(options: PageByLinkOptions<T>): AsyncGenerator<T, void, undefined> {
  checkPagingOptions(PageByLinkShape, options, 'pageByLink');
  if (!(options.client instanceof HttpClient)) {
    throw new InvalidInputError('Invalid pageByLink options: options.client: must be an HttpClient', [
      { path: 'options.client', message: 'must be an HttpClient' },
    ]);
  }
  const { client } = options;
  return paginate<T, HttpRequest<Page<T> & { next?: string | undefined }>>({
    ...options,
    provider: client.provider,
    first: { ...options.first, method: 'GET' },
    cursorKey: (request) => request.path,
    fetch: async (request, _guard, signal) => {
      const page = await client.request({
        ...request,
        signal,
        read: async (response) => ({
          ...(await options.readPage(response)),
          next: nextUrl(response, client),
        }),
      });
      if (page.next === undefined) return { ...page, next: undefined };
      const { headers, operation, timeoutMs, retry } = options.first;
      return { ...page, next: { method: 'GET', path: page.next, headers, operation, timeoutMs, retry } };
    },
  });
}

function nextUrl(response: HttpResponse, client: HttpClient): string | undefined {
  const target = findLink(response.headers.get('link'), 'next');
  if (target === undefined || target === '') return undefined;
  const url = URL.canParse(target, response.url.href) ? new URL(target, response.url) : undefined;
  if (url === undefined || url.origin !== client.baseUrl.origin) {
    throw new ProviderError(
      `${client.provider} pointed its next page to another origin; it is not followed`,
      {
        provider: client.provider,
        details: { reason: 'next_link_off_origin' },
      },
    );
  }
  return url.href;
}
