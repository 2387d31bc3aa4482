import { z } from 'zod';

/**
 * What can go wrong between a client and the service. `applyWrite` says whether the command still
 * runs: `slow` with `applyWrite: true` (its default) is "the write happened but the answer came too
 * late"; `drop` and `malformed` default to not running it.
 *
 * Hostile servers, for rehearsing what a platform must survive:
 * - `total`: `getuserdata` answers claim `total` (any number; `null` leaves the key out) — a lie;
 * - `repeat-page`: `getuserdata` answers page `page` (default 0) whatever `pageindex` asks, with
 *   `total` when given;
 * - `hold`: no answer; the command is applied only when the next request with the same `cmd`
 *   arrives (the client's resend), just before that one — a proxy holding a write;
 * - `huge`: the real answer padded with spaces to `bytes` (chunked, no length unless `declareLength`);
 * - `endless`: a body that never ends, streamed until the client hangs up; nothing runs;
 * - `echo`: nothing runs; the request is echoed back, `provhash` and passwords included, as a FAIL
 *   text (`as: 'fail'`), one WARN text per item (`'warn'`) or an HTTP 400 page (`'http'`); as sent
 *   (`encoding: 'json'`) or URL-encoded (`'form'`); cut to `maxChars` when given.
 */
export type SimulatorFault =
  | {
      readonly kind: 'status';
      readonly status: 429 | 500 | 502 | 503;
      readonly retryAfterSeconds?: number;
      /** A raw `Retry-After` value (any text: huge numbers, dates), instead of `retryAfterSeconds`. */
      readonly retryAfter?: string;
    }
  | { readonly kind: 'drop'; readonly applyWrite?: boolean }
  | { readonly kind: 'slow'; readonly delayMs: number; readonly applyWrite?: boolean }
  | { readonly kind: 'malformed'; readonly applyWrite?: boolean }
  | { readonly kind: 'auth' }
  | { readonly kind: 'total'; readonly total: number | null }
  | { readonly kind: 'repeat-page'; readonly page?: number; readonly total?: number }
  | { readonly kind: 'hold' }
  | { readonly kind: 'huge'; readonly bytes: number; readonly declareLength?: boolean }
  | { readonly kind: 'endless' }
  | {
      readonly kind: 'echo';
      readonly as: 'fail' | 'warn' | 'http';
      readonly encoding?: 'json' | 'form';
      readonly maxChars?: number;
    };

export type SimulatorFaultKind = SimulatorFault['kind'];

export const Fault = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('status'),
    status: z.literal([429, 500, 502, 503]),
    retryAfterSeconds: z.int().min(0).optional(),
    retryAfter: z.string().max(4096).optional(),
  }),
  z.strictObject({ kind: z.literal('drop'), applyWrite: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('slow'), delayMs: z.int().min(0), applyWrite: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('malformed'), applyWrite: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('auth') }),
  z.strictObject({ kind: z.literal('total'), total: z.number().nullable() }),
  z.strictObject({
    kind: z.literal('repeat-page'),
    page: z.int().min(0).optional(),
    total: z.number().optional(),
  }),
  z.strictObject({ kind: z.literal('hold') }),
  z.strictObject({
    kind: z.literal('huge'),
    bytes: z
      .int()
      .min(1)
      .max(2 ** 31),
    declareLength: z.boolean().optional(),
  }),
  z.strictObject({ kind: z.literal('endless') }),
  z.strictObject({
    kind: z.literal('echo'),
    as: z.enum(['fail', 'warn', 'http']),
    encoding: z.enum(['json', 'form']).optional(),
    maxChars: z.int().min(1).optional(),
  }),
]);

/** Whether the command behind a request meeting `fault` runs (now, or for `hold` later). */
export function runsCommand(fault: SimulatorFault | null): boolean {
  if (fault === null) return true;
  switch (fault.kind) {
    case 'status':
    case 'auth':
    case 'endless':
    case 'echo':
    case 'hold':
      return false;
    case 'drop':
    case 'malformed':
      return fault.applyWrite ?? false;
    case 'slow':
      return fault.applyWrite ?? true;
    default:
      return true;
  }
}
