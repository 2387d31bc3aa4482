/** Response headers as the toolkit reads them: case-insensitive lookup, like `Headers.get`. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

/** One request handed to a sender: already built, with its final URL, headers and body. */
export interface SenderRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array | undefined;
  /** Aborts on the caller's signal, the per-attempt timeout or the response-size cap. */
  readonly signal: AbortSignal;
}

/** What a sender returns as soon as the status line and headers have arrived. */
export interface SenderResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  /**
   * The body as it arrives, or null when there is none. The toolkit reads it chunk by chunk (never
   * whole) and stops early, through `return()`, on the size cap or when it needs no body.
   */
  readonly body: AsyncIterable<Uint8Array> | null;
}

/**
 * Sends one HTTP request. Contract: never follow redirects (a 3xx is returned as it is), reject
 * when `signal` aborts (before or after the headers), and reject with the platform's error
 * otherwise (its `code`, such as `ECONNRESET`, is read; its message is not kept, because some
 * stacks describe the request there, credentials included).
 */
export type HttpSender = (request: SenderRequest) => Promise<SenderResponse>;
