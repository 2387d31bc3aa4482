import { mkdirSync, writeFileSync } from 'node:fs';

/**
 * One line of `bench-results/<name>.json`: a measurement, the baseline measured in the same run,
 * their ratio and the target. `target` and `pass` are null for information lines.
 */
export interface BenchResult {
  readonly id: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
  readonly ratio: number | null;
  readonly target: number | string | null;
  readonly pass: boolean | null;
}

/**
 * Writes the lines to `<packageRoot>/bench-results/<name>.json` (git-ignored), for scripts that
 * check a run, and returns the file's path. `packageRoot`: the benchmarking package's folder URL.
 */
export function writeBenchResults(packageRoot: URL, name: string, results: readonly BenchResult[]): string {
  const folder = new URL('bench-results/', packageRoot);
  mkdirSync(folder, { recursive: true });
  const file = new URL(`${name}.json`, folder);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file.pathname;
}
