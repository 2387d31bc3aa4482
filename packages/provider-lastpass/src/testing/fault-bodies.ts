import type { ServerResponse } from 'node:http';
import type { SimulatorFault } from './fault-types.js';
import { LASTPASS_HEADERS } from './wire-format.js';

type EchoFault = Extract<SimulatorFault, { kind: 'echo' }>;
type ShapingFault = Extract<SimulatorFault, { kind: 'total' | 'repeat-page' }>;

const CHUNK = Buffer.alloc(64 * 1024, ' ');

/** `repeat-page`: the page the fault names replaces whatever `pageindex` the request asked for. */
export function shapeRequestData(fault: SimulatorFault | null, data: unknown): unknown {
  if (fault?.kind !== 'repeat-page') return data;
  const fields = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
  return { ...fields, pageindex: fault.page ?? 0 };
}

/** `total` / `repeat-page`: a `getuserdata` answer claims the fault's `total` (`null`: no key). */
export function shapeAnswer(fault: SimulatorFault | null, answer: unknown): unknown {
  if (fault === null || !isShaping(fault)) return answer;
  if (typeof answer !== 'object' || answer === null || !('Users' in answer)) return answer;
  const claimed = fault.total;
  if (claimed === undefined) return answer;
  const { total: _real, ...rest } = answer as Record<string, unknown>;
  return claimed === null ? rest : { total: claimed, ...rest };
}

function isShaping(fault: SimulatorFault): fault is ShapingFault {
  return fault.kind === 'total' || fault.kind === 'repeat-page';
}

/** The request as an `echo` fault repeats it: as received, or URL-encoded field by field. */
function echoText(fault: EchoFault, value: unknown, raw: string): string {
  const text = fault.encoding === 'form' ? formEncoded(value) : raw;
  return fault.maxChars === undefined ? text : text.slice(0, fault.maxChars);
}

function formEncoded(value: unknown): string {
  if (typeof value !== 'object' || value === null)
    return new URLSearchParams({ value: String(value) }).toString();
  const fields = Object.entries(value).map(([key, item]): [string, string] => [
    key,
    typeof item === 'string' ? item : JSON.stringify(item),
  ]);
  return new URLSearchParams(fields).toString();
}

export interface EchoAnswer {
  readonly status: number;
  readonly body: string;
  readonly html: boolean;
}

/**
 * An `echo` fault's answer: what a server that quotes its input in error texts sends back. `warn`
 * quotes each item of an array `data` (a `batchadd` with passwords) in its own text.
 */
export function echoAnswer(
  fault: EchoFault,
  requestText: string,
  body: Record<string, unknown> | null,
): EchoAnswer {
  if (fault.as === 'http') {
    const echo = escapeHtml(echoText(fault, body, requestText));
    return { status: 400, body: `<html><body><pre>Bad request: ${echo}</pre></body></html>\n`, html: true };
  }
  if (fault.as === 'fail') {
    const error = `Could not process the request: ${echoText(fault, body, requestText)}`;
    return { status: 200, body: JSON.stringify({ status: 'FAIL', error }), html: false };
  }
  const items = Array.isArray(body?.data) ? body.data : [body];
  const errors = items.map((item) => `Could not process ${echoText(fault, item, JSON.stringify(item))}`);
  return { status: 200, body: JSON.stringify({ status: 'WARN', errors }), html: false };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Streams `head` then spaces: up to `totalBytes` in all (`huge`), or until the client hangs up
 * (`endless`, `totalBytes` undefined). Writes wait for the socket to drain, so the simulator's own
 * memory stays flat. Returns the bytes written.
 */
export async function streamPadded(
  response: ServerResponse,
  head: string,
  totalBytes: number | undefined,
  declareLength: boolean,
): Promise<number> {
  const headBytes = Buffer.from(head);
  const length = totalBytes === undefined ? undefined : Math.max(totalBytes, headBytes.length);
  response.writeHead(200, {
    ...LASTPASS_HEADERS,
    ...(declareLength && length !== undefined ? { 'content-length': length } : {}),
  });
  let written = 0;
  if (!(await writeChunk(response, headBytes))) return written;
  written += headBytes.length;
  while (length === undefined || written < length) {
    const size = length === undefined ? CHUNK.length : Math.min(CHUNK.length, length - written);
    if (!(await writeChunk(response, size === CHUNK.length ? CHUNK : CHUNK.subarray(0, size)))) {
      return written;
    }
    written += size;
  }
  response.end();
  return written;
}

function writeChunk(response: ServerResponse, chunk: Uint8Array): Promise<boolean> {
  if (response.destroyed || response.writableEnded) return Promise.resolve(false);
  if (response.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (ok: boolean) => {
      response.off('drain', onDrain);
      response.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => settle(!response.destroyed);
    const onClose = () => settle(false);
    response.once('drain', onDrain);
    response.once('close', onClose);
  });
}
