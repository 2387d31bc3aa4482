import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { z } from 'zod';
import { parseInput } from '../../errors/from-zod.js';
import { flowingBody } from './flowing-body.js';
import type { HttpSender, ResponseHeaders } from './sender.js';

export interface NodeHttpSenderOptions {
  /** Agent for `http:` URLs; Node's global agent (keep-alive) by default. */
  readonly httpAgent?: http.Agent | undefined;
  /** Agent for `https:` URLs; Node's global agent (keep-alive) by default. */
  readonly httpsAgent?: https.Agent | undefined;
}

const NodeHttpSenderShape = z
  .strictObject({
    httpAgent: z.instanceof(http.Agent).optional(),
    httpsAgent: z.instanceof(https.Agent).optional(),
  })
  .optional();

const DECODERS: Readonly<Record<string, () => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress>> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/**
 * A sender over `node:http` / `node:https` (the client's default). It hands the response's own
 * Buffers to the toolkit, without a Web-stream layer in between, and like `fetch` asks for and
 * decodes gzip, deflate and brotli, so the size cap applies to the decoded body (a compressed
 * bomb stops at the cap). `node:http` never follows redirects.
 */
export function nodeHttpSender(options: NodeHttpSenderOptions = {}): HttpSender {
  parseInput(NodeHttpSenderShape, options, { argument: 'options', what: 'nodeHttpSender options' });
  return (request) =>
    new Promise((resolve, reject) => {
      const secure = request.url.protocol === 'https:';
      const send = secure ? https.request : http.request;
      const agent = secure ? options.httpsAgent : options.httpAgent;
      const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br', ...request.headers };
      // Encoded once, outside the JavaScript heap: measuring a text body's length and then writing
      // it would each make a copy of it (a bulk create's chunks are tens of kilobytes each).
      const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
      if (body !== undefined) headers['content-length'] = String(body.byteLength);
      const outgoing = send(
        request.url,
        {
          method: request.method,
          headers,
          signal: request.signal,
          ...(agent === undefined ? {} : { agent }),
        },
        (incoming) => resolve(responseOf(incoming)),
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
}

function responseOf(incoming: IncomingMessage) {
  const encoding = String(incoming.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const decoder = DECODERS[encoding]?.();
  let stream: Readable = incoming;
  if (decoder !== undefined) {
    // The decoded body's length is unknown: the compressed length must not size its buffer.
    const { 'content-length': _compressed, ...rest } = incoming.headers;
    incoming.headers = rest;
    incoming.on('error', (error) => decoder.destroy(error));
    incoming.on('close', () => {
      if (!incoming.complete) decoder.destroy(new Error('The response closed before its end'));
    });
    stream = incoming.pipe(decoder);
  }
  const stop = () => {
    decoder?.destroy();
    incoming.destroy();
  };
  return {
    status: incoming.statusCode ?? 0,
    headers: new NodeHeaders(incoming.headers),
    body: flowingBody(stream, stop),
  };
}

/** `Headers.get` over Node's lower-cased header object (repeated headers joined as fetch does). */
class NodeHeaders implements ResponseHeaders {
  readonly #headers: IncomingHttpHeaders;
  constructor(headers: IncomingHttpHeaders) {
    this.#headers = headers;
  }
  get(name: string): string | null {
    const value = this.#headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}
