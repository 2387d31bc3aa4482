import { type LastPassSimulator, startLastPassSimulator } from '@provisionkit/provider-lastpass/testing';
import { BENCH_CREDENTIALS, type SimulatorReply, type SimulatorRequest } from './simulator-protocol.js';

/**
 * Child process started by `SimulatorHost`: starts, inspects and closes simulators on request.
 * Several simulators may live here at once; each is addressed by its URL.
 */
const simulators = new Map<string, LastPassSimulator>();

async function handle(request: SimulatorRequest): Promise<SimulatorReply> {
  if (request.op === 'start') {
    const simulator = await startLastPassSimulator({
      ...BENCH_CREDENTIALS,
      // The documented fast path for a large company: seeding at start (`state.seedUsers`).
      seed: { users: request.seedUsers, random: 1 },
      ...(request.throttle === undefined ? {} : { throttle: request.throttle }),
    });
    simulators.set(simulator.url, simulator);
    return { id: request.id, ok: true, url: simulator.url };
  }
  const simulator = simulators.get(request.url);
  if (simulator === undefined) return { id: request.id, ok: false, message: 'no such simulator' };
  if (request.op === 'log') {
    const log = simulator.requests.map(({ cmd, status, at }) => ({ cmd, status, at }));
    return { id: request.id, ok: true, log };
  }
  simulators.delete(request.url);
  await simulator.close();
  return { id: request.id, ok: true };
}

process.on('message', (message: SimulatorRequest) => {
  handle(message).then(
    (reply) => process.send?.(reply),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        message: error instanceof Error ? error.message : 'failed',
      }),
  );
});

// The parent going away (normally or not) ends this process and its servers.
process.on('disconnect', () => {
  Promise.all([...simulators.values()].map((simulator) => simulator.close())).finally(() => process.exit(0));
});
