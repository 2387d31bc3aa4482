import { z } from 'zod';
import { parseInput } from '../../errors/from-zod.js';

const fn = z.custom<(...args: never[]) => unknown>(
  (value) => typeof value === 'function',
  'must be a function',
);

/** What every paging helper takes besides its fetching function. */
const Common = {
  maxPages: z.number().int().positive().max(10_000_000).optional(),
  maxItems: z.number().int().positive().max(1_000_000_000).optional(),
  total: z.enum(['upper-bound', 'exact']).optional(),
  signal: z.instanceof(AbortSignal).optional(),
  itemId: fn,
};
const Provider = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a lower-case provider id');

export const PageByNumberShape = z.strictObject({
  ...Common,
  provider: Provider,
  fetchPage: fn,
  pageSize: z.number().int().positive().max(1_000_000),
  firstPage: z.number().int().min(0).max(1).optional(),
  serverHonoursPageSize: z.boolean().optional(),
  untilEmptyPage: z.boolean().optional(),
  ahead: z.number().int().min(0).max(16).optional(),
  addressedByNumber: z.boolean().optional(),
  isPastEnd: fn.optional(),
});

export const PageByCursorShape = z.strictObject({ ...Common, provider: Provider, fetchPage: fn });

export const PageByLinkShape = z.strictObject({
  ...Common,
  client: z.custom<object>((value) => typeof value === 'object' && value !== null, 'must be an HttpClient'),
  first: z.looseObject({ path: z.string().min(1) }),
  readPage: fn,
});

/** Checks a paging helper's options when it is called, so a mistake fails before any request. */
export function checkPagingOptions(schema: z.ZodType, options: unknown, helper: string): void {
  parseInput(schema, options, { argument: 'options', what: `${helper} options` });
}
