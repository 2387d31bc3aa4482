import { setTimeout as delay } from 'node:timers/promises';
import { type Alert, type AlertSink, parseInput } from '@provisionkit/core';
import { IncomingWebhook } from '@slack/webhook';
import { slackMessage } from './slack-blocks.js';
import { slackError } from './slack-error.js';
import { SlackAlertSinkOptions } from './slack-sink-options.js';

/** Seconds (`Retry-After: 30`) as milliseconds; an HTTP date or garbage gives nothing. */
function retryAfterOf(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3_600) * 1_000 : undefined;
}

/**
 * An `AlertSink` posting Block Kit messages to a Slack incoming webhook through `@slack/webhook`.
 * One message at a time, `minIntervalMs` apart; failures are `ProvisioningError`s the dispatcher
 * understands (see `slackError`), with no URL in them.
 */
export function createSlackAlertSink(options: SlackAlertSinkOptions): AlertSink {
  const { url, timeoutMs, minIntervalMs, name } = parseInput(SlackAlertSinkOptions, options, {
    argument: 'options',
  });
  // The client's own retries are off: the dispatcher retries, honouring Retry-After, without
  // holding up the other sinks.
  let current: { signal: AbortSignal; retryAfterMs?: number | undefined } | undefined;
  const webhook = new IncomingWebhook(url, {
    timeout: timeoutMs,
    retryConfig: { retries: 0 },
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const signals = [init?.signal, current?.signal].filter(
        (signal): signal is AbortSignal => signal != null,
      );
      const response = await fetch(input, { ...init, signal: AbortSignal.any(signals) });
      if (current !== undefined && response.status === 429) current.retryAfterMs = retryAfterOf(response);
      return response;
    },
  });
  let tail: Promise<unknown> = Promise.resolve();
  let lastStart = Number.NEGATIVE_INFINITY;

  async function post(alert: Alert, signal: AbortSignal): Promise<void> {
    const wait = lastStart + minIntervalMs - Date.now();
    if (wait > 0) await delay(wait, undefined, { signal }).catch(() => undefined);
    lastStart = Date.now();
    const state: { signal: AbortSignal; retryAfterMs?: number | undefined } = { signal };
    current = state;
    try {
      await webhook.send(slackMessage(alert));
    } catch (error) {
      throw slackError(error, state.retryAfterMs, signal);
    } finally {
      current = undefined;
    }
  }

  return {
    name,
    send(alert, sendOptions) {
      const signal =
        sendOptions?.signal instanceof AbortSignal ? sendOptions.signal : new AbortController().signal;
      const sent = tail.catch(() => undefined).then(() => post(alert, signal));
      tail = sent;
      return sent;
    },
  };
}
