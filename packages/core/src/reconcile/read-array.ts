import { createHash } from 'node:crypto';
import type { DesiredCollector } from './desired-collector.js';

/**
 * Reads an array of desired users, element by element (`line` is the index + 1). A hole of a
 * sparse array or an element that cannot be read is an issue; the array's own length is trusted
 * only up to `maxRows`. Returns the hash of the validated rows.
 */
export function readArray(rows: readonly unknown[], collector: DesiredCollector, maxRows: number): string {
  const hash = createHash('sha256');
  const length = rows.length;
  const count = Math.min(length, maxRows);
  for (let index = 0; index < count; index += 1) {
    const line = index + 1;
    let value: unknown;
    try {
      if (!(index in rows)) {
        collector.reject({ line, message: 'is missing (a hole in the array)' });
        hash.update('null\n');
        continue;
      }
      value = rows[index];
    } catch {
      collector.reject({ line, message: 'could not be read' });
      hash.update('null\n');
      continue;
    }
    const user = collector.add(line, value);
    hash.update(user === undefined ? 'null\n' : `${JSON.stringify(user)}\n`);
  }
  if (length > maxRows)
    collector.truncate({ line: maxRows, message: `more than ${maxRows} rows: the rest was not read` });
  return `sha256:${hash.digest('hex')}`;
}
