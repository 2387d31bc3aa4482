import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../bin/provisionkit.js', import.meta.url));

/** The packages the command needs built, in dependency order. */
const BUILD_ORDER = ['core', 'provider-mock', 'provider-lastpass', 'store-sqlite', 'cli'];

/**
 * Builds the command as it is installed (`pnpm build`'s emitted dist/ behind bin/provisionkit.js),
 * so the end-to-end tests run the real thing, not the TypeScript sources.
 */
export function buildCli(): void {
  const tsc = `${ROOT}node_modules/.bin/tsc`;
  for (const name of BUILD_ORDER)
    execFileSync(tsc, ['-p', `${ROOT}packages/${name}/tsconfig.build.json`], { stdio: 'inherit' });
}

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** Every output of every command run, to check at the end that no secret ever showed. */
export const transcript: string[] = [];

/** Runs `provisionkit <args>` to its end. */
export function provisionkit(args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const child = start(args, options);
  return finished(child);
}

/** Starts `provisionkit <args>` and returns the child, its output collected as it comes. */
export function start(
  args: readonly string[],
  options: CommandOptions,
): ChildProcess & { output: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: { stdout: string; stderr: string } };
  child.output = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    child.output.stdout += text;
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    child.output.stderr += text;
  });
  return child;
}

export function finished(
  child: ChildProcess & { output: { stdout: string; stderr: string } },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      transcript.push(child.output.stdout, child.output.stderr);
      resolve({ code, ...child.output });
    });
  });
}

/** Waits until `check` holds, polling; fails after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Whether util-linux `script` can run a command on a pseudo-terminal here (Linux; macOS's BSD
 * `script` takes other arguments, and minimal images may have none): the progress bar test needs it.
 */
export function hasPseudoTerminal(): boolean {
  const probe = spawnSync('script', ['-qfec', 'true', '/dev/null'], { stdio: 'ignore', timeout: 10_000 });
  return probe.error === undefined && probe.status === 0;
}

/** Runs `provisionkit <args>` on a pseudo-terminal (see `hasPseudoTerminal`): what it draws there. */
export function onTerminal(
  args: readonly string[],
  options: CommandOptions,
): Promise<{ code: number | null; output: string }> {
  const quoted = [process.execPath, BIN, ...args].map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`);
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', quoted.join(' '), '/dev/null'], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      output += text;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      transcript.push(output);
      resolve({ code, output });
    });
  });
}
