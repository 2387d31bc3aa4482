import { parseArgs } from 'node:util';
import { startLastPassSimulator } from './simulator-server.js';

/**
 * Runs the simulator standalone for manual exploration. The cid/provhash it prints are throwaway
 * values of this local process, not real credentials: printing them is the point.
 */
const USAGE = `Usage: simulator [--port N] [--host 127.0.0.1] [--users N] [--seed N]
  --port   port to listen on (default: $PORT or a free port)
  --host   loopback address to bind (default 127.0.0.1)
  --users  realistic users to seed (default 300)
  --seed   PRNG seed for seeding (default 1)`;

function toInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      users: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const simulator = await startLastPassSimulator({
    host: values.host,
    port: toInt('port', values.port ?? process.env.PORT, 0),
    seed: { users: toInt('users', values.users, 300), random: toInt('seed', values.seed, 1) },
  });
  const { cid, provhash } = simulator.credentials;
  const body = JSON.stringify({ cid, provhash, cmd: 'getuserdata', data: { pagesize: 2, pageindex: 0 } });
  // One write, so piping into `head` does not end in EPIPE on a later line.
  console.log(
    [
      `LastPass Enterprise API simulator listening on ${simulator.url}`,
      `  users: ${simulator.state.userCount}, groups: ${simulator.state.groups.size}`,
      `  demo cid:      ${cid}`,
      `  demo provhash: ${provhash}`,
      'Try:',
      `  curl -s -X POST ${simulator.url} -H 'content-type: application/json' -d '${body}'`,
      'Ctrl+C to stop.',
    ].join('\n'),
  );
  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
