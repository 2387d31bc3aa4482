/** Thrown inside the toolkit when a body passes its cap; the client turns it into a typed error. */
export class ResponseTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`The response body exceeded ${limitBytes} bytes`);
    this.name = 'ResponseTooLarge';
  }
}

/** The body stream broke off (reset, abort) before its end; `cause` is the platform's error. */
export class BodyInterrupted extends Error {
  constructor(cause: unknown) {
    super('The response body broke off', { cause });
    this.name = 'BodyInterrupted';
  }
}

/**
 * Reads a body chunk by chunk and stops (cancelling the stream) as soon as it passes `limitBytes`,
 * so an endless or huge answer costs at most the cap in memory. A declared `Content-Length` over
 * the cap fails before the first byte is read; one within it sizes the buffer once, so the body is
 * never held twice (chunks plus their concatenation).
 */
export async function readBody(
  body: AsyncIterable<Uint8Array> | null,
  limitBytes: number,
  declaredLength: string | null,
): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);
  const declared = parseLength(declaredLength);
  if (declared !== undefined && declared > limitBytes) {
    await body[Symbol.asyncIterator]().return?.();
    throw new ResponseTooLarge(limitBytes);
  }
  const sized = declared === undefined || declared === 0 ? undefined : new Uint8Array(declared);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let filled = 0;
  for await (const chunk of interruptible(body)) {
    if (total + chunk.byteLength > limitBytes) throw new ResponseTooLarge(limitBytes);
    if (sized !== undefined && chunks.length === 0 && filled + chunk.byteLength <= sized.byteLength) {
      sized.set(chunk, filled);
      filled += chunk.byteLength;
    } else chunks.push(chunk);
    total += chunk.byteLength;
  }
  if (chunks.length === 0) return sized === undefined ? new Uint8Array(0) : sized.subarray(0, filled);
  if (filled === 0 && chunks.length === 1) return chunks[0]!;
  return concat(sized?.subarray(0, filled), chunks, total);
}

/** Decodes UTF-8 without copying the bytes first, dropping a leading byte-order mark. */
export function decodeUtf8(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// A body longer than its declared length (a lying server) falls back to one concatenation.
function concat(head: Uint8Array | undefined, chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  if (head !== undefined) {
    out.set(head, 0);
    offset = head.byteLength;
  }
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function parseLength(value: string | null): number | undefined {
  if (value === null || !/^\s*\d{1,15}\s*$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The first `maxBytes` of a body and no more: an error answer only needs enough for an excerpt and
 * its error code, whatever size the server makes it. The rest is abandoned (the stream cancelled).
 */
export async function readPrefix(
  body: AsyncIterable<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of interruptible(body)) {
    const room = maxBytes - total;
    chunks.push(chunk.byteLength > room ? chunk.subarray(0, room) : chunk);
    total += Math.min(chunk.byteLength, room);
    if (total >= maxBytes) break;
  }
  return concat(undefined, chunks, total);
}

// Marks errors of the stream itself, so they are told apart from a reader's own failures.
async function* interruptible(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      let step: IteratorResult<Uint8Array>;
      try {
        step = await iterator.next();
      } catch (error) {
        finished = true;
        throw new BodyInterrupted(error);
      }
      if (step.done === true) {
        finished = true;
        return;
      }
      yield step.value;
    }
  } finally {
    if (!finished) await iterator.return?.();
  }
}
