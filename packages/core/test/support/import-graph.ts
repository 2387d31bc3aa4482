import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** Every module reachable from `entry` through relative imports, with the specifiers each one uses. */
export function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [resolve(entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (graph.has(file)) continue;
    const specifiers = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map(
      (match) => match[1] ?? match[2] ?? match[3] ?? '',
    );
    graph.set(file, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) pending.push(sourceFile(resolve(dirname(file), specifier)));
    }
  }
  return graph;
}

/** NodeNext sources import `./x.js` for `./x.ts`. */
function sourceFile(path: string): string {
  const candidates = [path.replace(/\.js$/, '.ts'), path, `${path}.ts`, `${path}/index.ts`];
  const found = candidates.find((candidate) => existsSync(candidate) && !candidate.endsWith('/'));
  if (found === undefined) throw new Error(`cannot resolve ${path}`);
  return found;
}

/** `vitest`, `vitest/...` and `@vitest/...`: test-only packages. */
export function isTestRunnerImport(specifier: string): boolean {
  return specifier === 'vitest' || specifier.startsWith('vitest/') || specifier.startsWith('@vitest/');
}
