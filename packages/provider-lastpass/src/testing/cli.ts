import { parseSimulatorArgs, USAGE } from './cli-args.js';
import { startLastPassSimulator } from './simulator-server.js';

// Runs the simulator standalone for manual exploration. The cid/provhash it prints are throwaway
// values of this local process, not real credentials: printing them is the point.
async function main(): Promise<void> {
  const command = parseSimulatorArgs(process.argv.slice(2), process.env);
  if (command.help) {
    console.log(USAGE);
    return;
  }
  const simulator = await startLastPassSimulator(command.options);
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
