import { ProviderError } from '@provisionkit/core';
import { PROVIDER_ID } from './interpret-response.js';

const decoder = new TextDecoder('utf-8');

/**
 * Reads a response body chunk by chunk, never holding more than `limitBytes`: past it (or when the
 * declared length already is), `abort()` ends the exchange and a `ProviderError`
 * (`details.reason: 'response_too_large'`) is thrown. A hostile or broken server streaming without
 * end costs at most the limit, not the process.
 */
export async function readBoundedText(
  response: Response,
  limitBytes: number,
  abort: () => void,
  cmd: string,
): Promise<string> {
  const tooLarge = () => {
    abort();
    const details = { cmd, reason: 'response_too_large', httpStatus: response.status, limitBytes };
    return new ProviderError(`LastPass answered ${cmd} with more than ${limitBytes} bytes`, {
      provider: PROVIDER_ID,
      details,
    });
  };
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limitBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      chunks.length = 0;
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? decoder.decode(chunks[0]) : decoder.decode(Buffer.concat(chunks, size));
}
