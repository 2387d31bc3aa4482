import type { HttpSender } from './sender.js';

/** The part of `fetch` the sender calls. */
export type FetchFunction = (input: URL, init: RequestInit) => Promise<Response>;

/**
 * A sender over `fetch` (Node's built-in undici unless `fetchFunction` is given). The global `fetch`
 * is looked up on every call, so interceptors installed after the client was built (nock) apply.
 */
export function fetchSender(fetchFunction?: FetchFunction): HttpSender {
  return async (request) => {
    const send = fetchFunction ?? ((input: URL, init: RequestInit) => globalThis.fetch(input, init));
    const response = await send(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: request.signal,
      // A 307/308 would replay the body and headers (credentials included) to wherever it points.
      redirect: 'manual',
    });
    return {
      status: response.status,
      headers: response.headers,
      body: response.body === null ? null : chunksOf(response.body),
    };
  };
}

/**
 * The stream as an async iterable that cancels the stream when the reader stops early, so an
 * abandoned body (size cap, no body wanted) releases its connection instead of buffering on.
 */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
