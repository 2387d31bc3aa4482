// The health example of packages/core/README.md runs here: the README quotes these lines verbatim
// (checked below), so the pasted code works.
import { readFileSync } from 'node:fs';
import {
  type Alert,
  createAlertDispatcher,
  createHealthMonitor,
  createMemoryStateStore,
  createProvisionKit,
  silentLogger,
  UserDirectory,
} from '@provisionkit/core';
import { createMockProvider, type MockUserDirectory } from '@provisionkit/provider-mock';
import { describe, expect, it } from 'vitest';
import { quotedLines } from '../support/quoted-lines.js';

const mockProvider = createMockProvider();

describe('README health example', () => {
  it('checks, reports status and alerts once', async () => {
    const store = createMemoryStateStore(); // openSqliteStateStore({ path }) in production
    const kit = createProvisionKit({
      plugins: [mockProvider],
      logger: silentLogger(),
      store,
      health: { unhealthyAfter: 3, quarantineAfter: 6, checkIntervalMs: 15 * 60_000 },
    });
    const acme = await kit.connect({ provider: 'mock', tenant: 'acme', config: {} });

    const monitor = createHealthMonitor({ health: kit.health, concurrency: 4 });
    monitor.start(); // checks each connection when its policy says; monitor.stop() on shutdown

    const sent: Alert[] = [];
    const alerts = createAlertDispatcher({
      store,
      sinks: [{ name: 'memory', send: async (alert) => void sent.push(alert) }],
      telemetry: kit.telemetry,
    });

    acme.get<MockUserDirectory>(UserDirectory).faults.rejectCredentials();
    const status = await kit.health.check(acme); // or wait for the monitor
    console.assert(status.state === 'unhealthy' && status.credentials?.status === 'invalid');
    await alerts.runOnce(); // alerts.start() runs it every pollIntervalMs
    console.assert(sent[0]?.title === 'Credentials refused: acme / mock');
    const everyConnection = await kit.status(); // [{ tenant: 'acme', state: 'unhealthy', ... }]

    await monitor.stop();
    await kit.close();
    expect(status.state).toBe('unhealthy');
    expect(sent.map((alert) => alert.title)).toEqual(['Credentials refused: acme / mock']);
    expect(everyConnection).toHaveLength(1);
  });

  it('is quoted in packages/core/README.md', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block =
      /<!-- excerpt: packages\/core\/test\/health\/readme-health-example.test.ts -->\n```ts\n([\s\S]*?)\n```/.exec(
        readme,
      );
    expect(block).not.toBeNull();
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    expect(quotedLines(source)).toContain(quotedLines(block![1]!));
  });
});
