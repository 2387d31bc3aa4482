// Child process of the benchmark: one seeded LastPass simulator, so its CPU time is not charged to
// the client under test (a real LastPass is another machine). Sends its URL, then lives until the
// parent disconnects.
import { startLastPassSimulator } from '@provisionkit/provider-lastpass/testing';
import { BENCH_CREDENTIALS } from './bench-settings.js';

const users = Number(process.argv[2]);
const simulator = await startLastPassSimulator({ ...BENCH_CREDENTIALS, seed: { users, random: 1 } });
process.send?.({ url: simulator.url });
process.on('disconnect', () => {
  simulator.close().finally(() => process.exit(0));
});
