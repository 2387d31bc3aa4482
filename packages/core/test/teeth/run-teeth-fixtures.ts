import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const config = fileURLToPath(new URL('./vitest.teeth.config.ts', import.meta.url));
const vitestBin = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');

/** Test titles (`describe > ... > it`) of one fixture file, by outcome. */
export interface FixtureOutcome {
  readonly passed: readonly string[];
  readonly failed: readonly string[];
  readonly skipped: readonly string[];
}

interface JsonReport {
  readonly testResults: readonly {
    readonly name: string;
    readonly message?: string;
    readonly assertionResults: readonly { readonly fullName: string; readonly status: string }[];
  }[];
}

/**
 * Runs every fixture in ONE child vitest process (a nested suite cannot be run and inspected from
 * inside a test) and returns the outcome per fixture, keyed by file name without `.contract.ts`.
 * The child exits non-zero because the broken fixtures fail: that is the point, so the exit code is
 * ignored and the JSON report is read instead.
 */
export async function runTeethFixtures(): Promise<Map<string, FixtureOutcome>> {
  const dir = await mkdtemp(join(tmpdir(), 'pk-teeth-'));
  const outputFile = join(dir, 'report.json');
  try {
    const args = [vitestBin, 'run', '--config', config, '--reporter=json', `--outputFile=${outputFile}`];
    const stderr = await new Promise<string>((resolve) => {
      execFile(
        process.execPath,
        args,
        { cwd: repoRoot, env: childEnv(), timeout: 120_000 },
        (_error, _out, err) => resolve(String(err)),
      );
    });
    const text = await readFile(outputFile, 'utf8').catch(() => {
      throw new Error(`the child vitest run wrote no report:\n${stderr.slice(-2000)}`);
    });
    return outcomes(JSON.parse(text) as JsonReport);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function outcomes(report: JsonReport): Map<string, FixtureOutcome> {
  const byFixture = new Map<string, FixtureOutcome>();
  for (const file of report.testResults) {
    const titles = (status: string) =>
      file.assertionResults.filter((test) => test.status === status).map((test) => test.fullName);
    if (file.assertionResults.length === 0 && file.message) throw new Error(`${file.name}: ${file.message}`);
    byFixture.set(basename(file.name, '.contract.ts'), {
      passed: titles('passed'),
      failed: titles('failed'),
      skipped: [...titles('skipped'), ...titles('pending')],
    });
  }
  return byFixture;
}

/** The parent run's worker variables would make the child believe it is a vitest worker. */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
}
