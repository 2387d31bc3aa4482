import type { Readable } from 'node:stream';

/** Bytes buffered ahead of the reader before the stream is paused (back-pressure). */
const HIGH_WATER_BYTES = 1024 * 1024;

/**
 * A response stream as an async iterable driven by `data` events. Node's own async iterator over a
 * stream pauses and resumes it around every chunk, which measured about a third slower for 1 MB
 * pages; here chunks flow until 1 MB waits unread, then the stream pauses. `return()` (a reader
 * that stops early) calls `stop`, which destroys the response and releases the connection.
 */
export function flowingBody(stream: Readable, stop: () => void): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]() {
      const queue: Uint8Array[] = [];
      let queued = 0;
      let ended = false;
      let failure: unknown;
      let wake: (() => void) | undefined;
      const notify = () => {
        wake?.();
        wake = undefined;
      };
      stream.on('data', (chunk: Buffer) => {
        queue.push(chunk);
        queued += chunk.byteLength;
        if (queued >= HIGH_WATER_BYTES) stream.pause();
        notify();
      });
      stream.on('end', () => {
        ended = true;
        notify();
      });
      stream.on('error', (error) => {
        failure = error;
        notify();
      });
      // A stream closed before its end without an error event (a reset) is a failure too.
      stream.on('close', () => {
        if (!ended && failure === undefined) failure = new Error('The response closed before its end');
        notify();
      });
      return {
        async next(): Promise<IteratorResult<Uint8Array>> {
          for (;;) {
            const chunk = queue.shift();
            if (chunk !== undefined) {
              queued -= chunk.byteLength;
              if (queued < HIGH_WATER_BYTES && stream.isPaused()) stream.resume();
              return { done: false, value: chunk };
            }
            if (failure !== undefined) throw failure;
            if (ended) return { done: true, value: undefined };
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
          }
        },
        async return(): Promise<IteratorResult<Uint8Array>> {
          if (!ended) stop();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
