import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** One measurement as `bench-results/<name>.json` lists it. */
export interface BenchResult {
  readonly id: string;
  readonly value: number;
  readonly unit: string;
  /** The same measurement without provisionkit (bare provider clients). */
  readonly baseline: number;
  readonly ratio: number;
  /** The most `value` may be. */
  readonly target: number;
  readonly pass: boolean;
}

/** Writes `bench-results/<name>.json` in this package, for tools that track the figures. */
export async function writeBenchResults(name: string, results: readonly BenchResult[]): Promise<string> {
  const directory = fileURLToPath(new URL('../bench-results/', import.meta.url));
  await mkdir(directory, { recursive: true });
  const file = `${directory}${name}.json`;
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
