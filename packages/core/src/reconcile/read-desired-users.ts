import { createHash } from 'node:crypto';
import { z } from 'zod';
import { argumentError } from '../errors/argument-error.js';
import { parseInput } from '../errors/from-zod.js';
import { DesiredCollector } from './desired-collector.js';
import type { DesiredUsers } from './desired-users.js';
import { readArray } from './read-array.js';
import { readCsv } from './read-csv.js';
import { readJsonLines } from './read-jsonl.js';

/** Default and largest `maxRows`. */
export const DEFAULT_MAX_DESIRED_ROWS = 1_000_000;

export const ReadDesiredOptions = z.strictObject({
  /** `csv` or `jsonl` for text (default: JSON Lines when the first character is `{`, else CSV). */
  format: z.enum(['csv', 'jsonl']).optional(),
  /** Rows read at most; a longer input is read that far and marked incomplete. */
  maxRows: z.number().int().positive().max(DEFAULT_MAX_DESIRED_ROWS).default(DEFAULT_MAX_DESIRED_ROWS),
});
export type ReadDesiredOptions = z.input<typeof ReadDesiredOptions>;

/**
 * Reads a desired list: CSV or JSON Lines text (a string or UTF-8 bytes), or an array of objects.
 * Each row is validated as a `DesiredUser` on its own: a bad row becomes an issue naming its line
 * and field, and the others are kept. It never throws for the content of the input, only for
 * arguments of the wrong type (`invalid_input`).
 *
 * CSV: a header row names the columns (`userName`, `email`, `givenName`, `familyName`,
 * `displayName`, `isAdmin`, `groups` separated by `;`, `externalId`, `status`, and
 * `attributes.<key>`; common spellings such as `first_name` are accepted). Cells are text: a cell
 * starting with `=`, `+`, `-` or `@` is kept as written, never evaluated.
 */
export function readDesiredUsers(
  input: string | Uint8Array | readonly unknown[],
  options: ReadDesiredOptions = {},
): DesiredUsers {
  const parsed = parseInput(ReadDesiredOptions, options, { argument: 'options' });
  const collector = new DesiredCollector();
  if (Array.isArray(input)) {
    const hash = readArray(input, collector, parsed.maxRows);
    return collector.finish('array', hash);
  }
  let text: string;
  if (typeof input === 'string') text = input;
  else if (input instanceof Uint8Array) text = new TextDecoder('utf-8').decode(input);
  else throw argumentError('readDesiredUsers', 'input', 'must be CSV or JSON Lines text, bytes, or an array');
  const hash = `sha256:${createHash('sha256')
    .update(input as string | Uint8Array)
    .digest('hex')}`;
  const format =
    parsed.format ??
    (text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('{')
      ? 'jsonl'
      : 'csv');
  if (format === 'csv') readCsv(text, collector, parsed.maxRows);
  else readJsonLines(text, collector, parsed.maxRows);
  return collector.finish(format, hash);
}
