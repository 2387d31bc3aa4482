import { z } from 'zod';

// RFC 9110 token characters for names; values without control characters (no header injection).
const HeaderName = z.string().regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,128}$/, 'must be an HTTP header name');
const HeaderValue = z
  .string()
  .max(16_384)
  .refine((value) => !hasControlCharacter(value), 'must not contain control characters');

function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

/** Header names and values that can be sent as they are. */
export const HeaderRecord = z.record(HeaderName, HeaderValue);
