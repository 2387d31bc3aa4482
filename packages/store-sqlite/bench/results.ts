import { mkdirSync, writeFileSync } from 'node:fs';

/** One line of `bench-results/<name>.json`. `target` and `pass` are null for information lines. */
export interface BenchResult {
  readonly id: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
  readonly ratio: number | null;
  readonly target: string | null;
  readonly pass: boolean | null;
}

export function writeResults(name: string, results: readonly BenchResult[]): string {
  const folder = new URL('../bench-results/', import.meta.url);
  mkdirSync(folder, { recursive: true });
  const file = new URL(`${name}.json`, folder);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file.pathname;
}

export function formatTable(results: readonly BenchResult[]): string {
  const header = ['measurement', 'value', 'baseline', 'ratio', 'target', 'result'];
  const lines = results.map((row) => [
    row.id,
    `${format(row.value)} ${row.unit}`,
    row.baseline === null ? '-' : `${format(row.baseline)} ${row.unit}`,
    row.ratio === null ? '-' : `${row.ratio.toFixed(2)}x`,
    row.target ?? '(information)',
    row.pass === null ? 'info' : row.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...lines].map((line) => line[column]!.length)),
  );
  const render = (line: string[]) => line.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ');
  return [render(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...lines.map(render)].join(
    '\n',
  );
}

function format(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}
