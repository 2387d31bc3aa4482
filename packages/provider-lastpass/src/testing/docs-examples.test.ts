import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLastPassSimulator } from './simulator-server.js';

const PACKAGE = resolve(import.meta.dirname, '../..');

/** The fenced `ts` block that follows `heading` in one of the package's docs. */
async function exampleAfter(file: string, heading: string): Promise<string> {
  const text = await readFile(resolve(PACKAGE, file), 'utf8');
  const from = text.indexOf(heading);
  const block = /```ts\n([\s\S]*?)```/.exec(text.slice(from));
  if (from < 0 || block === null) throw new Error(`no example after ${heading}`);
  return block[1]!;
}

// biome-ignore lint/complexity/useArrowFunction: the constructor of async functions, to run the example
const AsyncFunction = async function () {}.constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<unknown>;

describe('the hostile-server examples of the docs', () => {
  for (const file of ['SIMULATOR.md', 'README.md']) {
    it(`run as written in ${file} (their import is the package entry)`, async () => {
      const example = await exampleAfter(file, 'Rehearsing hostile servers');
      expect(example).toContain("from '@provisionkit/provider-lastpass/testing'");
      const body = example.replace(/^import .*$/m, '');
      await new AsyncFunction('startLastPassSimulator', body)(startLastPassSimulator);
    });
  }
});
