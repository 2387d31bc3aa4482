import { randomBytes } from 'node:crypto';
import {
  createAlertDispatcher,
  createHealthMonitor,
  createLogger,
  createMemoryStateStore,
  createProvisionKit,
  type ProvisionKit,
} from '@provisionkit/core';
import { ManualHealthClock } from '@provisionkit/core/testing';
import { lastpassProvider } from '@provisionkit/provider-lastpass';
import { type LastPassSimulator, startLastPassSimulator } from '@provisionkit/provider-lastpass/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAlertSink } from '../src/index.js';
import { SlackReceiver } from './slack-receiver.js';

const MINUTE = 60_000;
const PROVHASH = `canary${randomBytes(29).toString('hex')}`;
const REVOKED_BY = randomBytes(32).toString('hex');
const SLACK_TOKEN = `canary-slack-${randomBytes(12).toString('hex')}`;

let simulator: LastPassSimulator;
let receiver: SlackReceiver;
let kit: ProvisionKit;
const lines: string[] = [];

beforeAll(async () => {
  simulator = await startLastPassSimulator({ provhash: PROVHASH, seed: { users: 3, random: 9 } });
  receiver = await SlackReceiver.start(`/services/T0ACME/B0ALERTS/${SLACK_TOKEN}`);
});
afterAll(async () => {
  await kit?.close();
  await receiver.close();
  await simulator.close();
});

describe('a LastPass connection whose credentials are revoked', () => {
  it('is reported invalid, alerts Slack once, is quarantined, and recovers with a recovery message', async () => {
    const clock = new ManualHealthClock();
    const store = createMemoryStateStore();
    const logger = createLogger({
      level: 'trace',
      destination: { write: (line: string) => lines.push(line) },
    });
    kit = createProvisionKit({
      plugins: [lastpassProvider],
      logger,
      store,
      health: { clock, random: () => 0.5 },
    });
    const connection = await kit.connect({
      provider: 'lastpass',
      tenant: 'acme',
      config: {
        baseUrl: simulator.url,
        cid: simulator.credentials.cid,
        provhash: PROVHASH,
        timeoutMs: 5_000,
        retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 20 },
      },
    });
    const monitor = createHealthMonitor({ health: kit.health, clock, logger });
    const slack = createSlackAlertSink({ url: receiver.url, minIntervalMs: 0 });
    const alerts = createAlertDispatcher({ store, sinks: [slack], clock, logger, telemetry: kit.telemetry });
    /** One monitor round and one alert round, `minutes` later. */
    const round = async (minutes: number) => {
      clock.advance(minutes * MINUTE);
      await monitor.runOnce();
      await alerts.runOnce();
    };

    await round(20);
    expect(await connection.status()).toMatchObject({ state: 'healthy', credentials: { status: 'valid' } });

    simulator.state.setProvhash(REVOKED_BY);
    await round(20);
    expect(await connection.status()).toMatchObject({
      state: 'unhealthy',
      credentials: { status: 'invalid' },
      lastError: { code: 'authentication', operation: 'verifyCredentials' },
    });
    expect(receiver.messages).toHaveLength(1);

    // The host keeps calling; checks keep failing: counted, quarantined, not announced again.
    await expect(connection.directory.getUser({ userName: 'nobody@example.com' })).rejects.toMatchObject({
      code: 'authentication',
    });
    for (let index = 0; index < 5; index++) await round(6);
    const quarantined = await connection.status();
    expect(quarantined).toMatchObject({
      state: 'quarantined',
      quarantined: true,
      credentials: { status: 'invalid' },
    });
    await round(6 * 60 + 30);
    expect(receiver.messages).toHaveLength(1);
    const firing = SlackReceiver.textOf(receiver.messages[0]!);
    expect(firing).toContain('Credentials refused: acme / lastpass');
    expect(firing).toContain('What to do');

    simulator.state.setProvhash(PROVHASH);
    await round(13 * 60);
    expect(await connection.status()).toMatchObject({ state: 'healthy', credentials: { status: 'valid' } });
    expect(receiver.messages).toHaveLength(2);
    expect(SlackReceiver.textOf(receiver.messages[1]!)).toContain('Connection recovered: acme / lastpass');

    const events = (await kit.listEvents({ tenant: 'acme', limit: 100 })).events;
    expect(events.map((event) => event.type)).toEqual([
      'connection.unhealthy',
      'connection.quarantined',
      'connection.recovered',
    ]);
    expect((await kit.status()).map((status) => status.state)).toEqual(['healthy']);

    // No secret anywhere a host or a channel sees: the provhash (old or new) and the Slack URL's token.
    const seen = [
      JSON.stringify(events),
      JSON.stringify(receiver.messages),
      JSON.stringify(await kit.status()),
      ...lines,
    ];
    for (const canary of [PROVHASH, REVOKED_BY, SLACK_TOKEN])
      for (const text of seen) expect(text).not.toContain(canary);
  });
});
