import { parseArgs } from 'node:util';
import type { LastPassSimulatorOptions } from './simulator-options.js';

export const USAGE = `Usage: simulator [--port N] [--host 127.0.0.1] [--users N] [--seed N] [--throttle N [--retry-after S]]
  --port         port to listen on (default: $PORT or a free port)
  --host         loopback address to bind (default 127.0.0.1)
  --users        realistic users to seed (default 300)
  --seed         PRNG seed for seeding (default 1)
  --throttle     accept N requests in any second, answer 429 beyond (default: no limit)
  --retry-after  whole seconds sent as Retry-After with each 429 (needs --throttle)`;

export type SimulatorCommand =
  | { readonly help: true }
  | { readonly help: false; readonly options: LastPassSimulatorOptions };

function toInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer`);
  return parsed;
}

/**
 * The standalone simulator's arguments. A leading `--` is skipped: `pnpm <script> -- --users 300`
 * hands it through (pnpm 9 and later), and node's parser would read everything after it as
 * positionals.
 */
export function parseSimulatorArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): SimulatorCommand {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      users: { type: 'string' },
      seed: { type: 'string' },
      throttle: { type: 'string' },
      'retry-after': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return { help: true };
  return {
    help: false,
    options: {
      host: values.host,
      port: toInt('port', values.port ?? env.PORT, 0),
      seed: { users: toInt('users', values.users, 300), random: toInt('seed', values.seed, 1) },
      ...throttleOf(values.throttle, values['retry-after']),
    },
  };
}

/** `--throttle N` (at least 1) and its optional `--retry-after S`, as the simulator's `throttle`. */
function throttleOf(
  throttle: string | undefined,
  retryAfter: string | undefined,
): Pick<LastPassSimulatorOptions, 'throttle'> {
  if (throttle === undefined) {
    if (retryAfter !== undefined) throw new Error('--retry-after needs --throttle');
    return {};
  }
  const requestsPerSecond = toInt('throttle', throttle, 0);
  if (requestsPerSecond < 1) throw new Error('--throttle must be at least 1 request a second');
  const retryAfterSeconds = retryAfter === undefined ? undefined : toInt('retry-after', retryAfter, 0);
  return {
    throttle: { requestsPerSecond, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
  };
}
