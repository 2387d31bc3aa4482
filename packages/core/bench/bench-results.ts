import { mkdirSync, writeFileSync } from 'node:fs';

/** One row of `bench-results/<name>.json`; `target` and `pass` are null for information rows. */
export interface BenchResult {
  readonly id: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
  readonly ratio: number | null;
  readonly target: string | null;
  readonly pass: boolean | null;
}

/** Writes the rows to `packages/core/bench-results/<name>.json` and returns the path. */
export function writeResults(name: string, results: readonly BenchResult[]): string {
  const folder = new URL('../bench-results/', import.meta.url);
  mkdirSync(folder, { recursive: true });
  const file = new URL(`${name}.json`, folder);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file.pathname;
}

/** The rows as a Markdown table, as the bench prints them. */
export function resultTable(results: readonly BenchResult[]): string {
  const cell = (value: number | null, unit = '') =>
    value === null ? '-' : `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}${unit}`;
  return [
    '| measurement | value | baseline | ratio | target | result |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (row) =>
        `| ${row.id} | ${cell(row.value, ` ${row.unit}`)} | ${cell(row.baseline, ` ${row.unit}`)} | ${cell(row.ratio, 'x')} | ${row.target ?? '(information)'} | ${row.pass === null ? 'info' : row.pass ? 'PASS' : 'FAIL'} |`,
    ),
  ].join('\n');
}
