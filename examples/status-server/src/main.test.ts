import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('..', import.meta.url));
let child: ChildProcess | undefined;
afterEach(() => {
  // The whole group: tsx runs the program in a child process of its own.
  if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
});

/** The package's `start` script, with PORT=0. */
function start() {
  const process_ = spawn(process.execPath, ['--conditions=@provisionkit/source', 'start.mjs'], {
    cwd: here,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // a process group of its own, as a terminal gives a command
  });
  let stdout = '';
  let stderr = '';
  process_.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  process_.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const listening = new Promise<string>((resolve, reject) => {
    process_.stdout.on('data', () => {
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      if (url !== undefined) resolve(url);
    });
    process_.once('exit', () => reject(new Error(`exited before listening: ${stderr}`)));
  });
  return { process: process_, listening, output: () => ({ stdout, stderr }) };
}

describe('main', () => {
  it('serves statuses until SIGINT, then closes the server and the kit and exits 0 by itself', async () => {
    const started = start();
    child = started.process;
    const url = await started.listening;
    const response = await fetch(`${url}/status/globex`);
    expect(await response.json()).toMatchObject({ tenant: 'globex', connections: [{ state: 'unhealthy' }] });

    const exited = once(started.process, 'exit');
    // Ctrl-C: the terminal signals every process of the group.
    process.kill(-started.process.pid!, 'SIGINT');
    const [code, signal] = await exited;
    expect({ code, signal, stderr: started.output().stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    expect(started.output().stdout).toContain('SIGINT: closing');
    await expect(fetch(`${url}/status`)).rejects.toThrow();
  });
});
