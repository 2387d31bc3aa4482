import type { Alert } from '@provisionkit/core';
import type { IncomingWebhookSendArguments } from '@slack/webhook';

type Blocks = NonNullable<IncomingWebhookSendArguments['blocks']>;

/** Slack escapes only these three in mrkdwn text; anything else is shown as is. */
function mrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Section text is capped at 3000 characters, header text at 150. */
const cap = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * A Block Kit message: a header (what and where), the summary, what to do, the facts as fields
 * (tenant and provider first), and when. `text` is the notification's plain fallback.
 */
export function slackMessage(alert: Alert): { text: string; blocks: Blocks } {
  const icon = alert.state === 'resolved' ? ':white_check_mark:' : ':rotating_light:';
  const facts = [
    { label: 'Tenant', value: alert.tenant },
    { label: 'Provider', value: alert.provider },
    ...alert.facts,
    ...(alert.grouped > 0
      ? [{ label: 'Grouped', value: `${alert.grouped} later event(s) of this incident` }]
      : []),
  ].slice(0, 10);
  const blocks: Blocks = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: cap(`${alert.state === 'resolved' ? '✅' : '🚨'} ${alert.title}`, 150),
      },
    },
    { type: 'section', text: { type: 'mrkdwn', text: cap(mrkdwn(alert.summary), 3000) } },
    ...(alert.action === undefined
      ? []
      : [
          {
            type: 'section' as const,
            text: { type: 'mrkdwn' as const, text: cap(`*What to do:* ${mrkdwn(alert.action)}`, 3000) },
          },
        ]),
    {
      type: 'section',
      fields: facts.map((fact) => ({
        type: 'mrkdwn' as const,
        text: cap(`*${mrkdwn(fact.label)}*\n${mrkdwn(fact.value)}`, 2000),
      })),
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${icon} ${alert.kind} · ${alert.state} · ${alert.at}` }],
    },
  ];
  return { text: cap(`${alert.title}: ${alert.summary}`, 3000), blocks };
}
