import { ProviderError } from '../errors/error-classes.js';
import type { EchoRedactor } from './echo-redactor.js';
import { decodeUtf8, readBody } from './read-body.js';
import type { ResponseHeaders, SenderResponse } from './senders/sender.js';

/**
 * A 2xx answer as a response reader sees it. The body is read once, incrementally and within the
 * connection's size cap, by the first of `bytes()`, `text()` or `json()`; a body no reader asked
 * for is abandoned unread (its stream cancelled).
 */
export class HttpResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly url: URL;
  readonly provider: string;
  readonly #source: SenderResponse;
  readonly #maxBytes: number;
  readonly #redactor: EchoRedactor;
  #bytes: Promise<Uint8Array> | undefined;

  constructor(source: SenderResponse, url: URL, provider: string, maxBytes: number, redactor: EchoRedactor) {
    this.status = source.status;
    this.headers = source.headers;
    this.url = url;
    this.provider = provider;
    this.#source = source;
    this.#maxBytes = maxBytes;
    this.#redactor = redactor;
  }

  /** True once a reader asked for the body. */
  get bodyRead(): boolean {
    return this.#bytes !== undefined;
  }

  bytes(): Promise<Uint8Array> {
    // A compressed body's Content-Length (fetch keeps it while decoding) says nothing of its size.
    const encoding = this.headers.get('content-encoding');
    const length = encoding === null || encoding === 'identity' ? this.headers.get('content-length') : null;
    this.#bytes ??= readBody(this.#source.body, this.#maxBytes, length);
    return this.#bytes;
  }

  async text(): Promise<string> {
    return decodeUtf8(await this.bytes());
  }

  /** The body parsed as JSON; a body that is not JSON is `provider_error` (`unreadable_body`). */
  async json(): Promise<unknown> {
    const text = await this.text();
    try {
      return JSON.parse(text);
    } catch {
      throw this.providerError('unreadable_body', 'sent an answer that is not JSON', { text });
    }
  }

  /** `text` with the connection's secrets removed, cut to a short single line (for error details). */
  excerpt(text: string, maxChars?: number): string {
    return this.#redactor.excerpt(text, maxChars);
  }

  /**
   * A `provider_error` for an answer the reader cannot use: `reason` and the status in its details,
   * plus a redacted excerpt of `text` when given and any (already safe) `details`.
   */
  providerError(
    reason: string,
    problem: string,
    extra: { readonly text?: string; readonly details?: Readonly<Record<string, unknown>> } = {},
  ): ProviderError {
    const excerpt = extra.text === undefined ? {} : { excerpt: this.excerpt(extra.text) };
    return new ProviderError(`${this.provider} ${problem}`, {
      provider: this.provider,
      details: { reason, httpStatus: this.status, ...excerpt, ...extra.details },
    });
  }

  /** Abandons an unread body so its connection is released. */
  async discard(): Promise<void> {
    if (this.#bytes !== undefined || this.#source.body === null) return;
    await this.#source.body[Symbol.asyncIterator]().return?.();
  }
}
