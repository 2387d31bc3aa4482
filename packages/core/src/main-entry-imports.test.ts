import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SOURCE = dirname(fileURLToPath(import.meta.url));
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module the file statically reaches (relative paths followed, packages listed as named). */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

// Hosts install core without vitest (an optional peer): the runtime entry must never reach it.
describe('the main entry of @provisionkit/core', () => {
  const graph = importGraph(resolve(SOURCE, 'index.ts'));

  it('reaches the runtime modules', () => {
    expect(graph.files.size).toBeGreaterThan(20);
    expect(graph.packages).toContain('zod');
    expect(graph.packages).toContain('inversify');
  });

  it('never imports vitest or the contract kit', () => {
    expect([...graph.packages].filter((name) => name.includes('vitest'))).toEqual([]);
    const kit = resolve(SOURCE, 'testing');
    expect([...graph.files].filter((file) => file.startsWith(kit))).toEqual([]);
  });

  it('never imports the HTTP toolkit, which providers load from @provisionkit/core/http', () => {
    const toolkit = resolve(SOURCE, 'http');
    expect([...graph.files].filter((file) => file.startsWith(toolkit))).toEqual([]);
  });

  it('would see vitest: the contract kit entry does import it', () => {
    expect(importGraph(resolve(SOURCE, 'testing', 'index.ts')).packages).toContain('vitest');
  });
});
