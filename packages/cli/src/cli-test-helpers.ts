import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';

export interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A working directory of its own and a runner that captures what the command prints. */
export function cliSandbox(env: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'pk-cli-unit-'));
  const sandbox = {
    cwd,
    /** `connections add <name> --provider mock --tenant <name> <options>`. */
    addMock(name: string, ...options: string[]): Promise<Captured> {
      return sandbox.run('connections', 'add', name, '--provider', 'mock', '--tenant', name, ...options);
    },
    async run(...args: string[]): Promise<Captured> {
      let stdout = '';
      let stderr = '';
      const io: CliIo = {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text) },
        env,
        cwd,
      };
      const code = await runCli(args, io);
      return { code, stdout, stderr };
    },
  };
  return sandbox;
}
