/** One line of the result table. `pass` is undefined for information-only lines. */
export interface Row {
  readonly measurement: string;
  readonly value: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
  readonly pass?: boolean | undefined;
}

const HEADER: Row = {
  measurement: 'measurement',
  value: 'value',
  baseline: 'baseline',
  ratio: 'ratio',
  target: 'target',
};

const verdict = (row: Row) => (row.pass === undefined ? 'info' : row.pass ? 'PASS' : 'FAIL');

export function formatTable(rows: readonly Row[]): string {
  const cells = [HEADER, ...rows].map((row, index) => [
    row.measurement,
    row.value,
    row.baseline,
    row.ratio,
    row.target,
    index === 0 ? 'result' : verdict(row),
  ]);
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)));
  const line = (values: string[]) => values.map((value, column) => value.padEnd(widths[column]!)).join(' | ');
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
}

export const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
export const count = (value: number) => value.toLocaleString('en-US');
export const times = (value: number) => `${value.toFixed(2)}x`;
export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** What one benchmark contributes to the report: table rows and lines printed under the table. */
export interface BenchSection {
  readonly rows: Row[];
  readonly notes: string[];
}

/** "label: median 394 ms (runs 401, 394, 380 ms)". */
export function samplesNote(label: string, timing: { median: number; samples: readonly number[] }): string {
  const runs = timing.samples.map((value) => Math.round(value).toLocaleString('en-US')).join(', ');
  return `${label}: median ${ms(timing.median)} (runs ${runs} ms)`;
}
