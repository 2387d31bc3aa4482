import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProvisionKit, createWebhookDispatcher, silentLogger, verifyWebhook } from '@provisionkit/core';
import { createMockProvider } from '@provisionkit/provider-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStateStore } from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'pk-webhook-crash-'));
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const EVENTS = 60;
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A receiver on 127.0.0.1 answering each request after `delayMs`, keeping what it got. */
async function receiver() {
  const received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
  let delayMs = 150;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      setTimeout(() => response.writeHead(204).end(), delayMs).unref();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    answerAtOnce: () => {
      delayMs = 0;
    },
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

async function logUsers(path: string, from: number, count: number): Promise<void> {
  const store = await openSqliteStateStore({ path });
  const kit = createProvisionKit({ plugins: [createMockProvider()], logger: silentLogger(), store });
  const connection = await kit.connect({ provider: 'mock', tenant: 'acme', config: {} });
  const users = Array.from({ length: count }, (_, i) => ({ userName: `user${from + i}@acme.example` }));
  await connection.directory.createUsers(users);
  await kit.close();
  await store.close();
}

describe('webhook delivery from the SQLite log', () => {
  it('delivers every event at least once after the delivering process is killed (SIGKILL) mid-delivery', async () => {
    const path = join(directory, 'webhooks.db');
    const hooks = await receiver();
    try {
      await logUsers(path, 1, EVENTS);
      const setup = await openSqliteStateStore({ path });
      const { secret } = await createWebhookDispatcher({
        store: setup,
        urlPolicy: { allowHttp: true, allowPrivateNetworks: ['127.0.0.1'] },
      }).endpoints.subscribe({ tenant: 'acme', url: hooks.url, startAfter: '0' });
      await setup.close();

      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--conditions=@provisionkit/source', 'test/fixtures/delivering-worker.ts', path],
        {
          cwd: PACKAGE,
          stdio: ['ignore', 'ignore', 'inherit'],
          env: { ...process.env, TSX_TSCONFIG_PATH: '../../tsconfig.json' },
        },
      );
      const exited = once(child, 'exit');
      // Kill it while it has attempts in flight and others recorded: somewhere in the middle.
      await expect
        .poll(() => hooks.received.length, { timeout: 20_000, interval: 10 })
        .toBeGreaterThanOrEqual(12);
      child.kill('SIGKILL');
      const [, signal] = await exited;
      expect(signal).toBe('SIGKILL');
      const receivedBeforeRestart = hooks.received.length;
      expect(receivedBeforeRestart).toBeLessThan(EVENTS);

      // Events logged while no worker ran are delivered too.
      await logUsers(path, EVENTS + 1, 5);
      hooks.answerAtOnce();
      const store = await openSqliteStateStore({ path });
      // The dead worker's leases are over on this clock: no real waiting.
      const later = () => new Date(Date.now() + 3_600_000);
      const dispatcher = createWebhookDispatcher({
        store,
        now: later,
        urlPolicy: { allowHttp: true, allowPrivateNetworks: ['127.0.0.1'] },
      });
      try {
        const [endpoint] = await dispatcher.endpoints.list();
        const unfinished = await dispatcher.endpoints.listDeliveries({
          endpointId: endpoint!.id,
          status: 'pending',
        });
        expect(unfinished.length).toBeGreaterThan(0);
        while ((await dispatcher.deliverDue()).attempted > 0);
        const events = (await store.listEvents({ tenant: 'acme', limit: 1000 })).map((event) => event.id);
        expect(events).toHaveLength(EVENTS + 5);
        const deliveredIds = new Set(
          hooks.received.map(
            (request) =>
              verifyWebhook(request.body, request.headers, secret, { now: later(), toleranceSeconds: 7200 })
                .id,
          ),
        );
        expect(events.filter((id) => !deliveredIds.has(id))).toEqual([]);
        const deliveries = await dispatcher.endpoints.listDeliveries({
          endpointId: endpoint!.id,
          limit: 1000,
        });
        expect(deliveries).toHaveLength(EVENTS + 5);
        expect(deliveries.every((delivery) => delivery.status === 'succeeded')).toBe(true);
      } finally {
        await dispatcher.stop();
        await store.close();
      }
    } finally {
      hooks.close();
    }
  }, 60_000);
});
