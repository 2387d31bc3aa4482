import { afterEach, describe, expect, it } from 'vitest';
import { type LocalServer, startLocalServer } from '../local-server-test-helpers.js';
import { nodeHttpSender } from './node-http-sender.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const FIVE_MB = 5 * 1024 * 1024;

describe('nodeHttpSender', () => {
  it('streams a large body completely to a slow reader', async () => {
    server = await startLocalServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(Buffer.alloc(FIVE_MB, 7));
    });
    const response = await nodeHttpSender()({
      url: new URL(`${server.url}/big`),
      method: 'GET',
      headers: {},
      signal: new AbortController().signal,
    });
    let total = 0;
    for await (const chunk of response.body!) {
      total += chunk.byteLength;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/octet-stream');
    expect(total).toBe(FIVE_MB);
  });

  it('releases the connection when the reader stops early', async () => {
    let closed: Promise<void> = Promise.resolve();
    server = await startLocalServer((_request, response) => {
      closed = new Promise((resolve) => response.on('close', () => resolve()));
      response.writeHead(200);
      const pump = () => {
        while (!response.destroyed && response.write(Buffer.alloc(64 * 1024)));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    });
    const response = await nodeHttpSender()({
      url: new URL(`${server.url}/endless`),
      method: 'GET',
      headers: {},
      signal: new AbortController().signal,
    });
    for await (const _chunk of response.body!) break;
    await closed;
  });

  it('fails the body when the connection breaks off', async () => {
    server = await startLocalServer((_request, response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('partial');
      setTimeout(() => response.socket?.destroy(), 10);
    });
    const response = await nodeHttpSender()({
      url: new URL(`${server.url}/reset`),
      method: 'GET',
      headers: {},
      signal: new AbortController().signal,
    });
    const read = (async () => {
      for await (const _chunk of response.body!);
    })();
    await expect(read).rejects.toBeDefined();
  });

  it.each([
    ['text with multi-byte characters', 'Zoë 李 😀 \ud800 end'],
    ['bytes', new Uint8Array(Buffer.from('Zoë 李 bytes'))],
  ])('sends a body of %s whole, with its length in bytes', async (_label, body) => {
    const bytes = Buffer.from(body as string);
    let received: { length: string | undefined; text: string } | undefined;
    server = await startLocalServer((request, response, text) => {
      received = { length: request.headers['content-length'], text };
      response.end('ok');
    });
    const response = await nodeHttpSender()({
      url: new URL(`${server.url}/echo`),
      method: 'POST',
      headers: {},
      body,
      signal: new AbortController().signal,
    });
    for await (const _chunk of response.body!);
    expect(received).toEqual({ length: String(bytes.length), text: bytes.toString('utf8') });
  });
});
