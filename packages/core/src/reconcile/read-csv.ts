import { type CsvError, parse } from 'csv-parse/sync';
import { type Column, mapHeader } from './csv-columns.js';
import { csvRowToRaw } from './csv-row.js';
import type { DesiredCollector } from './desired-collector.js';

/** A single CSV record longer than this stops the reading (csv-parse cannot resume after it). */
export const MAX_CSV_RECORD_BYTES = 1024 * 1024;
// Errors after which csv-parse reads nothing more: the rest of the input is unknown.
const FATAL = new Set(['CSV_QUOTE_NOT_CLOSED', 'CSV_MAX_RECORD_SIZE']);

class TooManyRows extends Error {}

/**
 * Reads CSV text row by row into `collector`: the first record is the header, each later record
 * is converted and validated on its own, a malformed record is an issue of its line and the next
 * one is read. Records are handled as they are parsed, never gathered into an array first.
 */
export function readCsv(text: string, collector: DesiredCollector, maxRows: number): void {
  let columns: Column[] | undefined;
  let userNameFromEmail = false;
  let records = 0;
  let lastLine = 0;
  let empty = 0;
  let comments = 0;
  const startOf = (info: { lines: number; empty_lines: number; comment_lines: number }) => {
    const start = lastLine + 1 + (info.empty_lines - empty) + (info.comment_lines - comments);
    lastLine = info.lines;
    empty = info.empty_lines;
    comments = info.comment_lines;
    return start;
  };
  try {
    parse(text, {
      bom: true,
      delimiter: guessDelimiter(text),
      info: true,
      // A quote inside an unquoted cell (`=HYPERLINK("x")` typed by hand) is text, as spreadsheets read it.
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: MAX_CSV_RECORD_BYTES,
      on_skip: (error: CsvError | undefined) => {
        if (error === undefined) return;
        const line = lastLine + 1;
        lastLine = Math.max(lastLine, Number(error.lines) || lastLine + 1);
        const message = describe(error);
        if (FATAL.has(error.code)) collector.truncate({ line, message: `${message}: the rest was not read` });
        else if (columns === undefined)
          collector.truncate({ line, message: `unreadable header (${message})` });
        else collector.reject({ line, message });
      },
      on_record: (value: unknown) => {
        // With `info: true` each record arrives with its position (the typings omit that form).
        const { record, info } = value as { record: string[]; info: Parameters<typeof startOf>[0] };
        const line = startOf(info);
        if (columns === undefined) {
          const header = mapHeader(record);
          for (const issue of header.issues) collector.issue(issue);
          if (!header.ok) throw new NoHeader();
          columns = header.columns;
          userNameFromEmail = header.userNameFromEmail;
          return null;
        }
        records += 1;
        if (records > maxRows) throw new TooManyRows();
        const { raw, issues } = csvRowToRaw(line, record, columns, userNameFromEmail);
        collector.add(line, raw, issues);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof NoHeader) collector.truncate({ line: 1, message: 'no row can be read' });
    else if (error instanceof TooManyRows)
      collector.truncate({ line: lastLine, message: `more than ${maxRows} rows: the rest was not read` });
    else collector.truncate({ line: lastLine + 1, message: `${describe(error)}: the rest was not read` });
  }
  // An empty text is not "nobody is desired": without a header it says nothing at all.
  if (columns === undefined && collector.rows === 0)
    collector.truncate({ line: 1, message: 'no header row' });
}

class NoHeader extends Error {}

/** The parser's code, without its message: csv-parse quotes cell values there. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const known: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
    CSV_MAX_RECORD_SIZE: `a record is longer than ${MAX_CSV_RECORD_BYTES} bytes`,
    CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'has a different number of cells than the header',
    CSV_RECORD_INCONSISTENT_COLUMNS: 'has a different number of cells than the header',
    INVALID_OPENING_QUOTE: 'a quote inside an unquoted cell',
    CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a cell',
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text after the closing quote of a cell',
  };
  return typeof code === 'string' ? (known[code] ?? `malformed CSV (${code})`) : 'malformed CSV';
}

/** The header line's most frequent separator: `,` (default), `;` (spreadsheets in many locales) or tab. */
function guessDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const header = text.slice(0, end === -1 ? Math.min(text.length, 65_536) : Math.min(end, 65_536));
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = header.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}
