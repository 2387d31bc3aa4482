import { inspect } from 'node:util';
import type { Alert } from '@provisionkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAlertSink } from '../src/index.js';
import { SlackReceiver } from './slack-receiver.js';

const SECRET_PATH = '/services/T0CANARY/B0CANARY/canary-slack-token-5d1f9a';

const ALERT: Alert = {
  incidentId: 'incident-1',
  kind: 'credentials',
  state: 'firing',
  tenant: 'acme',
  provider: 'lastpass',
  title: 'Credentials refused: acme / lastpass',
  summary: 'The provider refused the <connection> & its credentials.',
  action: 'Ask the customer for new credentials.',
  facts: [{ label: 'Error', value: 'authentication on verifyCredentials' }],
  at: '2025-01-06T09:00:00.000Z',
  grouped: 0,
};

const receivers: SlackReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function sinkAndReceiver() {
  const receiver = await SlackReceiver.start(SECRET_PATH);
  receivers.push(receiver);
  const sink = createSlackAlertSink({ url: receiver.url, minIntervalMs: 0 });
  return { receiver, sink };
}

const signal = () => new AbortController().signal;

/** The URL's token must not show in any form a host could log. */
function expectNoUrl(error: unknown): void {
  for (const text of [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 8 }),
    (error as Error).stack ?? '',
  ])
    expect(text).not.toContain('canary-slack-token');
}

describe('createSlackAlertSink', () => {
  describe('.send', () => {
    it('posts a Block Kit message naming tenant, provider, what happened and what to do, escaped', async () => {
      const { receiver, sink } = await sinkAndReceiver();
      await sink.send(ALERT, { signal: signal() });
      expect(receiver.messages).toHaveLength(1);
      const [message] = receiver.messages;
      expect(message!.blocks[0]).toMatchObject({ type: 'header' });
      const text = SlackReceiver.textOf(message!);
      for (const part of ['acme', 'lastpass', 'What to do', 'Ask the customer', '&lt;connection&gt; &amp;'])
        expect(text).toContain(part);
    });

    it('fails a 429 with rate_limited carrying Retry-After, without the URL', async () => {
      const { receiver, sink } = await sinkAndReceiver();
      receiver.answers.push({ status: 429, retryAfterSeconds: 7, body: 'rate_limited' });
      const error = await sink.send(ALERT, { signal: signal() }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 7_000, retryable: true });
      expectNoUrl(error);
    });

    it('fails a 5xx or an unreachable Slack with a retryable unavailable, a 404 with provider_error', async () => {
      const { receiver, sink } = await sinkAndReceiver();
      receiver.answers.push({ status: 503 });
      const down = await sink.send(ALERT, { signal: signal() }).catch((caught: unknown) => caught);
      expect(down).toMatchObject({ code: 'unavailable', retryable: true });
      const gone = createSlackAlertSink({
        url: receiver.url.replace('B0CANARY', 'B0REMOVED'),
        minIntervalMs: 0,
      });
      const removed = await gone.send(ALERT, { signal: signal() }).catch((caught: unknown) => caught);
      expect(removed).toMatchObject({ code: 'provider_error', retryable: false });
      await receiver.close();
      const unreachable = await sink.send(ALERT, { signal: signal() }).catch((caught: unknown) => caught);
      expect(unreachable).toMatchObject({ code: 'unavailable', retryable: true });
      for (const error of [down, removed, unreachable]) expectNoUrl(error);
    });

    it('sends messages one after the other, in order', async () => {
      const receiver = await SlackReceiver.start(SECRET_PATH);
      receivers.push(receiver);
      const sink = createSlackAlertSink({ url: receiver.url, minIntervalMs: 20 });
      await Promise.all(
        ['one', 'two', 'three'].map((title) => sink.send({ ...ALERT, title }, { signal: signal() })),
      );
      expect(receiver.messages.map((message) => message.text.split(':')[0])).toEqual(['one', 'two', 'three']);
    });
  });

  it('refuses a URL that is not https with invalid_input, without quoting it', () => {
    const url = 'http://hooks.example.com/services/canary-slack-token';
    let error: unknown;
    try {
      createSlackAlertSink({ url });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'invalid_input' });
    expectNoUrl(error);
  });
});
