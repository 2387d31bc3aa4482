import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSimulatorArgs } from '../src/testing/cli-args.js';

const PACKAGE = resolve(import.meta.dirname, '..');
const ROOT = resolve(PACKAGE, '../..');
// The pnpm the repository pins (`packageManager`): it hands a script's `--` through to the script.
const PNPM = 'pnpm@12.4.2';

/** Shell lines of the docs' fenced `sh` blocks that start the simulator. */
async function documentedCommands(file: string): Promise<string[]> {
  const text = await readFile(join(PACKAGE, file), 'utf8');
  const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.trim())
    .filter((line) => /\bsimulator\b/.test(line) && !line.startsWith('#'));
}

interface Started {
  readonly child: ChildProcess;
  readonly output: Promise<string>;
}

/** Runs `line` as a shell would, from the repository root, until it prints its URL. */
function runUntilListening(line: string, path: string): Started {
  const child = spawn('sh', ['-c', line], {
    cwd: ROOT,
    // Its own process group, so stopping it stops pnpm, tsx and node together.
    detached: true,
    env: { ...process.env, PATH: path, PORT: '', npm_config_prefer_offline: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const output = new Promise<string>((done, fail) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (/listening on http:\/\/\S+[\s\S]*demo provhash: \S+/.test(text)) done(text);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => fail(new Error(`exited with ${code} before listening:\n${text}`)));
  });
  return { child, output };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
    return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    process.kill(-child.pid!, 'SIGTERM');
  });
}

describe('parseSimulatorArgs', () => {
  it('skips the `--` a package manager hands through', () => {
    expect(parseSimulatorArgs(['--', '--users', '3', '--seed', '9'])).toEqual({
      help: false,
      options: { host: '127.0.0.1', port: 0, seed: { users: 3, random: 9 } },
    });
    expect(parseSimulatorArgs(['--users', '3'])).toMatchObject({ options: { seed: { users: 3 } } });
  });

  it('takes a throttle of N requests a second, with an optional Retry-After, and refuses nonsense', () => {
    expect(parseSimulatorArgs(['--throttle', '50'])).toMatchObject({
      options: { throttle: { requestsPerSecond: 50 } },
    });
    expect(parseSimulatorArgs(['--throttle', '5', '--retry-after', '2'])).toMatchObject({
      options: { throttle: { requestsPerSecond: 5, retryAfterSeconds: 2 } },
    });
    expect(parseSimulatorArgs([])).not.toHaveProperty('options.throttle');
    expect(() => parseSimulatorArgs(['--throttle', '0'])).toThrow('--throttle');
    expect(() => parseSimulatorArgs(['--throttle', '2.5'])).toThrow('--throttle');
    expect(() => parseSimulatorArgs(['--retry-after', '1'])).toThrow('--retry-after needs --throttle');
  });

  it('takes the port from PORT when --port is absent, and refuses a negative number', () => {
    expect(parseSimulatorArgs([], { PORT: '4321' })).toMatchObject({ options: { port: 4321 } });
    expect(() => parseSimulatorArgs(['--users', '-1'])).toThrow('--users');
    expect(parseSimulatorArgs(['-h'])).toEqual({ help: true });
  });
});

describe('the documented simulator command lines', () => {
  let shims: string;
  const running: ChildProcess[] = [];
  beforeAll(async () => {
    shims = await mkdtemp(join(tmpdir(), 'pnpm-shim-'));
    await writeFile(join(shims, 'pnpm'), `#!/bin/sh\nexec npx --yes ${PNPM} "$@"\n`);
    await chmod(join(shims, 'pnpm'), 0o755);
  });
  afterAll(async () => {
    await Promise.all(running.map(stop));
    await rm(shims, { recursive: true, force: true });
  });

  it('are in the README and SIMULATOR.md', async () => {
    expect(await documentedCommands('README.md')).toHaveLength(1);
    expect(await documentedCommands('SIMULATOR.md')).toHaveLength(1);
  });

  for (const file of ['README.md', 'SIMULATOR.md']) {
    it(`start the simulator as written in ${file}, with the users asked for`, async () => {
      const [line] = await documentedCommands(file);
      const started = runUntilListening(line!, `${shims}:${process.env.PATH ?? ''}`);
      running.push(started.child);
      const output = await started.output;
      const url = /listening on (\S+)/.exec(output)![1]!;
      const cid = Number(/demo cid:\s+(\d+)/.exec(output)![1]);
      const provhash = /demo provhash:\s+(\S+)/.exec(output)![1];
      const asked = Number(/--users (\d+)/.exec(line!)![1]);
      const answer = await fetch(url, {
        method: 'POST',
        body: JSON.stringify({ cid, provhash, cmd: 'getuserdata', data: { pagesize: 1, pageindex: 0 } }),
      });
      expect(((await answer.json()) as { total: number }).total).toBe(asked);
      await stop(started.child);
    }, 90_000);
  }
});
