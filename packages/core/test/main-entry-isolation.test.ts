import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGraph, isTestRunnerImport } from './support/import-graph.js';

const packageRoot = fileURLToPath(new URL('../', import.meta.url));
const src = join(packageRoot, 'src');

/** Files of the graph that break the rule, and the specifiers that do. */
function violations(graph: Map<string, string[]>, testingDir: string): string[] {
  return [...graph].flatMap(([file, specifiers]) => [
    ...(file.startsWith(testingDir + sep) ? [`${relative(packageRoot, file)} is in the testing folder`] : []),
    ...specifiers
      .filter(isTestRunnerImport)
      .map((specifier) => `${relative(packageRoot, file)} imports ${specifier}`),
  ]);
}

describe('@provisionkit/core main entry', () => {
  it('never reaches the testing folder nor imports vitest, directly or transitively', () => {
    const graph = importGraph(join(src, 'index.ts'));
    expect(graph.size).toBeGreaterThan(20);
    expect(violations(graph, join(src, 'testing'))).toEqual([]);
  });

  it('leaves vitest to the ./testing entry, which does import it', () => {
    const graph = importGraph(join(src, 'testing', 'index.ts'));
    expect([...graph.values()].flat().some(isTestRunnerImport)).toBe(true);
  });

  it('maps ./testing, and only ./testing, to the testing folder in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, string> | string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    expect(pkg.exports['./testing']).toMatchObject({ '@provisionkit/source': './src/testing/index.ts' });
    expect(JSON.stringify(pkg.exports['.'])).not.toContain('testing');
    expect(pkg.peerDependenciesMeta?.vitest?.optional).toBe(true);
  });

  it('catches a vitest import reached through a chain of modules (the check has teeth)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pk-graph-'));
    try {
      writeFileSync(join(dir, 'index.ts'), "export { a } from './a.js';\n");
      writeFileSync(join(dir, 'a.ts'), "import {\n  b,\n} from './testing/b.js';\nexport const a = b;\n");
      const testing = join(dir, 'testing');
      mkdirSync(testing);
      writeFileSync(join(testing, 'b.ts'), "import { it } from 'vitest';\nexport const b = it;\n");
      const found = violations(importGraph(join(dir, 'index.ts')), testing);
      expect(found.some((entry) => entry.includes('imports vitest'))).toBe(true);
      expect(found.some((entry) => entry.includes('is in the testing folder'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
