import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quotedLines } from '../../test/support/quoted-lines.js';

// packages/core/HTTP.md quotes code that runs: each block after `<!-- excerpt: <path> -->` must be
// found in that file, line for line (indentation and blank lines aside).
const root = new URL('../../../../', import.meta.url);
const reference = readFileSync(new URL('packages/core/HTTP.md', root), 'utf8');
const blocks = [...reference.matchAll(/<!-- excerpt: (\S+) -->\n```ts\n([\s\S]*?)\n```/g)];
const lines = quotedLines;

describe('packages/core/HTTP.md', () => {
  it('quotes its examples from files that run', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
  });

  it.each(blocks.map((block, index) => [index + 1, block[1]!, block[2]!] as const))(
    'excerpt %i is quoted from %s',
    (_index, path, text) => {
      expect(lines(readFileSync(new URL(path, root), 'utf8'))).toContain(lines(text));
    },
  );
});
