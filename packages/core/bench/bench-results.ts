import type { BenchResult } from '@provisionkit/bench-kit';

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
