import type { BenchResult } from '@provisionkit/bench-kit';

export function formatTable(results: readonly BenchResult[]): string {
  const header = ['measurement', 'value', 'baseline', 'ratio', 'target', 'result'];
  const lines = results.map((row) => [
    row.id,
    `${format(row.value)} ${row.unit}`,
    row.baseline === null ? '-' : `${format(row.baseline)} ${row.unit}`,
    row.ratio === null ? '-' : `${row.ratio.toFixed(2)}x`,
    row.target === null ? '(information)' : String(row.target),
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
