import { InvalidInputError } from '../../errors/error-classes.js';
import type { HttpSender } from './sender.js';

/** The part of `fetch` the sender calls. */
export type FetchFunction = (input: URL, init: RequestInit) => Promise<Response>;

/**
 * A sender over `fetch` (Node's built-in undici unless `fetchFunction` is given). The global `fetch`
 * is looked up on every call, so interceptors installed after the client was built (nock) apply.
 */
export function fetchSender(fetchFunction?: FetchFunction): HttpSender {
  if (fetchFunction !== undefined && typeof fetchFunction !== 'function') {
    throw new InvalidInputError('Invalid fetchSender argument: fetchFunction: must be a function', [
      { path: 'fetchFunction', message: 'must be a function' },
    ]);
  }
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
 * The stream as an async iterable whose `return()` cancels the stream, even before the first
 * chunk was asked for: an abandoned body (size cap, a reader that wanted no body) then releases
 * its connection instead of holding it until garbage collection.
 */
function chunksOf(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]() {
      const reader = stream.getReader();
      let finished = false;
      return {
        async next(): Promise<IteratorResult<Uint8Array>> {
          const step = await reader.read();
          if (step.done) {
            finished = true;
            return { done: true, value: undefined };
          }
          return { done: false, value: step.value };
        },
        async return(): Promise<IteratorResult<Uint8Array>> {
          if (!finished) {
            finished = true;
            await reader.cancel().catch(() => undefined);
          }
          return { done: true, value: undefined };
        },
      };
    },
  };
}
