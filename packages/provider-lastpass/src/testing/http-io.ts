import type { IncomingMessage, ServerResponse } from 'node:http';
import { LASTPASS_HEADERS } from './wire-format.js';

const DRAIN_SLACK = 1024 * 1024;

export type BodyResult = { readonly ok: true; readonly text: string } | { readonly ok: false };

/**
 * Reads the whole body. An oversized one is still drained (up to 4× the limit plus 1 MiB) so the
 * client gets its 413 instead of a write error; past that the socket is simply destroyed.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > maxBytes;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes * 4 + DRAIN_SLACK) request.destroy();
      if (size > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(tooLarge ? { ok: false } : { ok: true, text: Buffer.concat(chunks).toString('utf8') }),
    );
    request.on('error', reject);
  });
}

/** A LastPass-style answer: status 200 unless told, XML content type even for JSON (§2). */
export function sendLastPass(response: ServerResponse, body: string, status = 200): void {
  response.writeHead(status, { ...LASTPASS_HEADERS, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** An answer from the infrastructure in front of the API (404/405/413/429/5xx): small HTML. */
export function sendPlain(
  response: ServerResponse,
  status: number,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  const body = `<html><head><title>${status}</title></head><body>${status}</body></html>\n`;
  response.writeHead(status, {
    'content-type': 'text/html;charset=UTF-8',
    'content-length': Buffer.byteLength(body),
    server: 'LastPass',
    ...extraHeaders,
  });
  response.end(body);
}

/** An error page from whatever answers in front of the API, carrying `body` (an `echo` fault). */
export function sendHtml(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'content-type': 'text/html;charset=UTF-8',
    'content-length': Buffer.byteLength(body),
    server: 'LastPass',
  });
  response.end(body);
}
