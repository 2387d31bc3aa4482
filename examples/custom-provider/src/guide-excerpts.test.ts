import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// docs/writing-a-provider.md quotes this package. Each block after `<!-- excerpt: <path> -->` must
// be a run of lines of that file, indentation removed, so the guide cannot drift from the code.
const root = new URL('../../../', import.meta.url);
const guide = readFileSync(new URL('docs/writing-a-provider.md', root), 'utf8');
const EXCERPT = /<!-- excerpt: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g;
const excerpts = [...guide.matchAll(EXCERPT)].map((match) => ({ path: match[1]!, text: match[2]! }));
// The example's README walks through its files, one table row each: `| \`src/...\` | ... |`.
const readme = readFileSync(new URL('examples/custom-provider/README.md', root), 'utf8');

describe('docs/writing-a-provider.md', () => {
  it('quotes the example in many excerpts', () => {
    expect(excerpts.length).toBeGreaterThanOrEqual(10);
  });

  it('shows src/contract.test.ts in full', () => {
    const file = readFileSync(new URL('examples/custom-provider/src/contract.test.ts', root), 'utf8');
    const shown = excerpts.filter((excerpt) => excerpt.path.endsWith('/contract.test.ts'));
    expect(shown.map((excerpt) => `${excerpt.text}\n`)).toEqual([file]);
  });

  it.each(excerpts.map((excerpt, index) => [index + 1, excerpt.path, excerpt.text] as const))(
    'excerpt %i is verbatim from %s',
    (_index, path, text) => {
      const lines = readFileSync(new URL(path, root), 'utf8').split('\n');
      const wanted = text.split('\n');
      const found = lines.some((_line, start) => dedent(lines.slice(start, start + wanted.length)) === text);
      expect(found, `not a run of lines of ${path}`).toBe(true);
    },
  );

  it('links to a README that names every file of the example, and no other', () => {
    expect(guide).toContain('(../examples/custom-provider/README.md#files)');
    const named = [...readme.matchAll(/^\| `(src\/[^`]+)` \|/gm)].map((match) => match[1]);
    const files = readdirSync(new URL('examples/custom-provider/src', root), {
      recursive: true,
      encoding: 'utf8',
    })
      .filter((path) => path.endsWith('.ts'))
      .map((path) => `src/${path}`);
    expect(named.sort()).toEqual(files.sort());
  });
});

function dedent(lines: readonly string[]): string {
  const indents = lines
    .filter((line) => line.trim() !== '')
    .map((line) => line.length - line.trimStart().length);
  const cut = Math.min(...indents);
  return lines.map((line) => line.slice(cut)).join('\n');
}
