import { z } from 'zod';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The incoming webhook's URL is itself the credential (anyone holding it can post to the channel):
 * it is validated here and never appears in an error, a log line or a message.
 */
const WebhookUrl = z.string().superRefine((value, context) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    context.addIssue({ code: 'custom', message: 'must be a URL' });
    return;
  }
  const local = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !local)
    context.addIssue({
      code: 'custom',
      message: 'must be https (http only on 127.0.0.1, for a local relay)',
    });
  if (url.username !== '' || url.password !== '')
    context.addIssue({ code: 'custom', message: 'must not carry a user name or password' });
});

/** `createSlackAlertSink` options; bad ones fail with `invalid_input` naming the field (never its value). */
export const SlackAlertSinkOptions = z.strictObject({
  /** The Slack incoming webhook URL (`https://hooks.slack.com/services/...`). Secret. */
  url: WebhookUrl,
  /** Each request's timeout. Default 10 seconds. */
  timeoutMs: z.number().int().min(1).max(120_000).default(10_000),
  /** Messages to one webhook start at least this long apart (Slack takes about one a second). Default 1000. */
  minIntervalMs: z.number().int().min(0).max(60_000).default(1_000),
  /** Name in logs and metrics. Default `slack`. */
  name: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/)
    .default('slack'),
});
export type SlackAlertSinkOptions = z.input<typeof SlackAlertSinkOptions>;
