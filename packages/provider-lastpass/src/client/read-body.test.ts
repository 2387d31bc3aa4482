import { describe, expect, it } from 'vitest';
import { readBoundedText } from './read-body.js';

const CHUNK = 16 * 1024;

/** An endless body that counts what was pulled from it and whether it was cancelled. */
function endlessResponse() {
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulled += CHUNK;
        controller.enqueue(new Uint8Array(CHUNK).fill(32));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { response: new Response(body), state };
}

describe('readBoundedText', () => {
  it('stops reading an endless body at the limit, cancels it and ends the exchange', async () => {
    const { response, state } = endlessResponse();
    let aborted = false;
    const reading = readBoundedText(response, 256 * 1024, () => (aborted = true), 'getuserdata');
    await expect(reading).rejects.toMatchObject({
      code: 'provider_error',
      details: { reason: 'response_too_large', limitBytes: 256 * 1024, cmd: 'getuserdata' },
    });
    expect(aborted).toBe(true);
    expect(state.cancelled).toBe(true);
    // Read as it arrives: at most one chunk past the limit was ever pulled.
    expect(state.pulled).toBeLessThanOrEqual(256 * 1024 + 2 * CHUNK);
  });

  it('refuses a declared length above the limit without reading the body', async () => {
    const { state } = endlessResponse();
    const response = new Response('x'.repeat(10), {
      headers: { 'content-length': String(10 * 1024 * 1024) },
    });
    let aborted = false;
    await expect(
      readBoundedText(response, 1024 * 1024, () => (aborted = true), 'reporting'),
    ).rejects.toMatchObject({
      details: { reason: 'response_too_large' },
    });
    expect(aborted).toBe(true);
    expect(state.pulled).toBe(0);
  });

  it('returns a body up to the limit whole, multi-byte characters across chunks included', async () => {
    const text = `{"fullname":"${'Siobhán Ó Ríordáin '.repeat(5_000)}"}`;
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 1_001) controller.enqueue(bytes.subarray(at, at + 1_001));
        controller.close();
      },
    });
    expect(await readBoundedText(new Response(body), bytes.length, () => undefined, 'getuserdata')).toBe(
      text,
    );
  });
});
