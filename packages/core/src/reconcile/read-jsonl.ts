import type { DesiredCollector } from './desired-collector.js';

/** A JSON Lines line longer than this is a bad row (its content is not parsed). */
export const MAX_JSONL_LINE_LENGTH = 1024 * 1024;

/**
 * Reads JSON Lines: one JSON object per line, blank lines skipped. A line that is not JSON, not an
 * object or too long is an issue of that line; the next line is read.
 */
export function readJsonLines(text: string, collector: DesiredCollector, maxRows: number): void {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  let rows = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    line += 1;
    if (stop - start > MAX_JSONL_LINE_LENGTH) {
      rows += 1;
      collector.reject({ line, message: `longer than ${MAX_JSONL_LINE_LENGTH} characters` });
    } else {
      const content = text.slice(start, stop).trim();
      if (content !== '') {
        rows += 1;
        if (rows > maxRows) {
          collector.truncate({ line, message: `more than ${maxRows} rows: the rest was not read` });
          return;
        }
        readLine(content, line, collector);
      }
    }
    if (end === -1) break;
    start = end + 1;
  }
}

function readLine(content: string, line: number, collector: DesiredCollector): void {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    collector.reject({ line, message: 'is not valid JSON' });
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    collector.reject({ line, message: 'must be a JSON object' });
    return;
  }
  collector.add(line, value);
}
