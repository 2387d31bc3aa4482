import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { flowingBody } from './flowing-body.js';
import type { HttpSender, ResponseHeaders } from './sender.js';

export interface NodeHttpSenderOptions {
  /** Agent for `http:` URLs; Node's global agent (keep-alive) by default. */
  readonly httpAgent?: http.Agent | undefined;
  /** Agent for `https:` URLs; Node's global agent (keep-alive) by default. */
  readonly httpsAgent?: https.Agent | undefined;
}

/**
 * A sender over `node:http` / `node:https`. It hands the response's own Buffers to the toolkit (no
 * Web-stream layer in between). `node:http` never follows redirects.
 */
export function nodeHttpSender(options: NodeHttpSenderOptions = {}): HttpSender {
  return (request) =>
    new Promise((resolve, reject) => {
      const secure = request.url.protocol === 'https:';
      const send = secure ? https.request : http.request;
      const agent = secure ? options.httpsAgent : options.httpAgent;
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      const outgoing = send(
        request.url,
        {
          method: request.method,
          headers,
          signal: request.signal,
          ...(agent === undefined ? {} : { agent }),
        },
        (incoming) => {
          resolve({
            status: incoming.statusCode ?? 0,
            headers: new NodeHeaders(incoming.headers),
            body: flowingBody(incoming),
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
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
