import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { invalidInputFromZod } from '@provisionkit/core';
import { CliError } from '../cli-errors.js';
import { CliConfig } from './config-schema.js';

export const DEFAULT_CONFIG_FILE = 'provisionkit.json';
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The configuration file a run uses: `--config`, else `$PROVISIONKIT_CONFIG`, else ./provisionkit.json. */
export function configPath(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): string {
  return resolve(cwd, option ?? env.PROVISIONKIT_CONFIG ?? DEFAULT_CONFIG_FILE);
}

/** Reads and validates the file; a missing file is an empty configuration. */
export function readConfig(path: string): CliConfig {
  if (!existsSync(path)) return CliConfig.parse({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${path}`, [{ path: 'config', message: 'cannot be read' }], {
      cause: error,
    });
  }
  if (text.length > MAX_CONFIG_BYTES)
    throw new CliError(`${path} is larger than 1 MiB`, [{ path: 'config', message: 'is too large' }]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not valid JSON`, [{ path: 'config', message: 'is not valid JSON' }]);
  }
  const parsed = CliConfig.safeParse(value);
  if (!parsed.success) {
    const error = invalidInputFromZod(parsed.error, { argument: '', what: path });
    throw new CliError(error.message, error.issues);
  }
  return parsed.data;
}

/** Writes the file atomically, readable by its owner only (it may hold secrets). */
export function writeConfig(path: string, config: CliConfig): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
