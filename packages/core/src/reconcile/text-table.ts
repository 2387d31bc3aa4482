import { z } from 'zod';
import { argumentError, requireString } from '../errors/argument-error.js';
import { parseInput } from '../errors/from-zod.js';

const Cells = z.array(z.string());
export const TextTableInput = z.strictObject({
  header: Cells.min(1),
  rows: z.array(Cells),
  /** Cells longer than this are cut with `…`. Default 60. */
  maxWidth: z.number().int().min(2).max(10_000).default(60),
});
export type TextTableInput = z.input<typeof TextTableInput>;

/**
 * Lines of a plain-text table: columns padded to their widest cell, two spaces apart, the last
 * column unpadded. Control characters become spaces, since a value (a hostile display name) could
 * otherwise move a terminal's cursor or clear its screen.
 */
export function formatTable(input: TextTableInput): string[] {
  const { header, rows, maxWidth } = parseInput(TextTableInput, input, { argument: 'input' });
  const clean = rows.map((row) => header.map((_, column) => clip(printable(row[column] ?? ''), maxWidth)));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...clean.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...clean.map(line)];
}

/** The text with C0 and C1 control characters (and DEL) replaced. */
export function printable(text: string, replace: (code: number) => string = () => ' '): string {
  requireString('printable', 'text', text);
  if (typeof replace !== 'function') throw argumentError('printable', 'replace', 'must be a function');
  let result = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    result += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? replace(code) : char;
  }
  return result;
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
