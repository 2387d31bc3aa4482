import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs `script` (a bench module next to this one) in a fresh process with `args` and resolves with
 * the one message it sends back over IPC: each measurement starts from a cold, unshared heap.
 */
export function forkMeasurement<T>(script: string, args: readonly string[]): Promise<T> {
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--inspect'));
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [...args], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let result: T | undefined;
    child.on('message', (message: T) => {
      result = message;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      result === undefined ? reject(new Error(`${script} ${args[0] ?? ''} exited ${code}`)) : resolve(result),
    );
  });
}
