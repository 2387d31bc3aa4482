import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { IntLike } from './wire-fields.js';

/** §2.1: the top-level body. `cid` may be a number or a numeric string (§7.11). */
const Envelope = z.looseObject({
  cid: IntLike,
  provhash: z.string().min(1),
  cmd: z.string().optional(),
  data: z.unknown().optional(),
  apiuser: z.string().optional(),
});

export interface RequestEnvelope {
  readonly cmd: string;
  readonly data: unknown;
  readonly apiuser: string | undefined;
  /** Every field except `provhash`, which goes no further than the credential check. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * JSON is canonical; form-encoded bodies (seen in two clients, §2) are accepted with `data` holding
 * JSON text or a bare word such as `all`.
 */
export function parseBody(text: string, contentType: string | undefined): Record<string, unknown> | null {
  const form = contentType?.includes('application/x-www-form-urlencoded') ?? false;
  if (!form) {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : null;
    } catch {
      if (!text.includes('=')) return null;
    }
  }
  const fields: Record<string, unknown> = Object.fromEntries(new URLSearchParams(text));
  if (typeof fields.data === 'string') {
    try {
      fields.data = JSON.parse(fields.data);
    } catch {
      // a bare word such as `all` stays a string
    }
  }
  return fields;
}

/** The `cmd` named by a body, for the request log and fault matching (even when auth fails). */
export function commandName(body: Record<string, unknown> | null): string | null {
  return typeof body?.cmd === 'string' ? body.cmd : null;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Returns the envelope when cid and provhash match, else null (answered with the §2.2 XML). */
export function authenticate(
  body: Record<string, unknown> | null,
  credentials: { readonly cid: number; readonly provhash: string },
): RequestEnvelope | null {
  const parsed = Envelope.safeParse(body);
  if (!parsed.success || parsed.data.cid !== credentials.cid) return null;
  // Compared as digests so neither the length nor the content leaks through timing.
  if (!timingSafeEqual(digest(parsed.data.provhash), digest(credentials.provhash))) return null;
  const { provhash: _secret, cmd, data, apiuser, ...rest } = parsed.data;
  return { cmd: cmd ?? '', data, apiuser, fields: { ...rest, cmd, apiuser } };
}
