import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { COMMANDS } from './commands/registry.js';
import { SimulatorFaults } from './faults.js';
import { readBody, sendPlain } from './http-io.js';
import { RequestHandler } from './request-handler.js';
import type { SimulatorRequestRecord } from './request-log.js';
import { RequestThrottle } from './request-throttle.js';
import { type LastPassSimulatorOptions, resolveSimulatorOptions } from './simulator-options.js';
import { SimulatorState } from './simulator-state.js';

export interface LastPassSimulator {
  /** e.g. http://127.0.0.1:43123/enterpriseapi.php */
  readonly url: string;
  /** The current credentials (after `state.setProvhash`, the new hash). Demo values, not secrets. */
  readonly credentials: { readonly cid: number; readonly provhash: string };
  readonly state: SimulatorState;
  readonly faults: SimulatorFaults;
  readonly requests: readonly SimulatorRequestRecord[];
  resetRequestLog(): void;
  close(): Promise<void>;
}

const ENDPOINT = '/enterpriseapi.php';

/** Starts a stateful LastPass Enterprise API over real HTTP on a loopback address. */
export async function startLastPassSimulator(
  options: LastPassSimulatorOptions = {},
): Promise<LastPassSimulator> {
  const resolved = resolveSimulatorOptions(options);
  const state = new SimulatorState({
    cid: resolved.cid,
    provhash: resolved.provhash,
    clock: resolved.clock,
    timezone: resolved.quirks.timezone,
    random: resolved.seed.random,
  });
  if (resolved.seed.users > 0) state.seedUsers(resolved.seed.users, resolved.seed.groups);
  const faults = new SimulatorFaults(resolved.seed.random);
  const log: SimulatorRequestRecord[] = [];
  const closing = new AbortController();
  const handler = new RequestHandler({
    state,
    faults,
    quirks: resolved.quirks,
    commands: COMMANDS,
    throttle: resolved.throttle === undefined ? undefined : new RequestThrottle(resolved.throttle),
    clock: resolved.clock,
  });

  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const started = { at: Date.now(), tick: performance.now() };
    const record = (entry: Omit<SimulatorRequestRecord, 'at' | 'durationMs'>) =>
      log.push({ ...entry, at: started.at, durationMs: performance.now() - started.tick });
    const path = (request.url ?? '').split('?')[0];
    if (path !== ENDPOINT) {
      sendPlain(response, 404);
      return record({ cmd: null, status: 404, outcome: 'rejected' });
    }
    if (request.method !== 'POST') {
      sendPlain(response, 405, { allow: 'POST' });
      return record({ cmd: null, status: 405, outcome: 'rejected' });
    }
    const body = await readBody(request, resolved.maxBodyBytes);
    if (!body.ok) {
      sendPlain(response, 413, { connection: 'close' });
      return record({ cmd: null, status: 413, outcome: 'rejected' });
    }
    await handler.handle(request, response, body.text, closing.signal, record);
  };

  const server = createServer((request, response) => {
    serve(request, response).catch(() => {
      // Shutting down mid-request, or a simulator bug: never leave the client hanging.
      if (!response.headersSent && !response.destroyed) sendPlain(response, 500);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;

  return {
    url: `http://${host}:${port}${ENDPOINT}`,
    get credentials() {
      return state.credentials;
    },
    state,
    faults,
    get requests() {
      return log;
    },
    resetRequestLog: () => {
      log.length = 0;
    },
    close: async () => {
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await sleep(0);
    },
  };
}
