import { z } from 'zod';
import { defineCommand } from './command-spec.js';

/** `YYYY-MM-DD HH:MM:SS`, in the account's reporting time zone (US/Eastern by default). */
const ReportTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'must be YYYY-MM-DD HH:MM:SS');

export const ReportingRequest = z
  .strictObject({
    from: ReportTime,
    to: ReportTime,
    search: z.string().max(256).optional(),
    /** A username or `"allusers"`. */
    user: z.string().min(1).max(256).optional(),
    admin: z.boolean().optional(),
    /** Cursor from the previous answer's `next`, sent back unchanged. */
    next: z.union([z.string().min(1), z.number()]).optional(),
    format: z.literal('siem').optional(),
  })
  .transform(({ admin, ...rest }) => ({ ...rest, ...(admin === true ? { admin: '1' } : {}) }));
export type ReportingRequest = z.input<typeof ReportingRequest>;

const ReportEvent = z.looseObject({
  Time: z.string().nullish(),
  Username: z.string().nullish(),
  IP_Address: z.string().nullish(),
  Action: z.string().nullish(),
  Data: z.string().nullish(),
});

/** Events come as `Event1..EventN`, newest first; returned as an array in that order. */
export const ReportingResponse = z
  .looseObject({
    // [U] number or string: kept as sent, to be passed back as `next`.
    next: z.union([z.string(), z.number()]).nullish(),
    data: z
      .union([z.record(z.string(), ReportEvent), z.array(z.unknown()).max(0)])
      .nullish()
      .transform((data) =>
        data === undefined || data === null || Array.isArray(data) ? [] : Object.entries(data),
      ),
    // [U] The `siem` format was once seen as `{"events":[...]}`.
    events: z.array(ReportEvent).nullish(),
  })
  .transform(({ next, data, events }) => ({
    next: next ?? null,
    events: [
      ...data.sort(([a], [b]) => eventNumber(a) - eventNumber(b)).map(([id, event]) => ({ id, ...event })),
      ...(events ?? []).map((event, index) => ({ id: `Event${index + 1}`, ...event })),
    ],
  }));
export type ReportingResponse = z.output<typeof ReportingResponse>;

function eventNumber(key: string): number {
  const match = /(\d+)$/.exec(key);
  return match === null ? Number.MAX_SAFE_INTEGER : Number(match[1]);
}

export const REPORTING = defineCommand({
  cmd: 'reporting',
  idempotent: true,
  request: ReportingRequest,
  response: ReportingResponse,
});
