import type { ProvisionEvent } from '../events/provision-event.js';
import type { Alert } from './alert.js';

type Event<T extends ProvisionEvent['type']> = Extract<ProvisionEvent, { type: T }>;
type Text = Pick<Alert, 'title' | 'summary' | 'action' | 'facts'>;

const where = (event: ProvisionEvent, operation: string) =>
  `${event.tenant} / ${event.provider} / ${operation}`;

/** The words of an `operation_failures` alert: which operation keeps failing, and how. */
export function operationFailingText(event: Event<'connection.operation_failing'>): Text {
  const { data } = event;
  return {
    title: `Operation failing: ${where(event, data.operation)}`,
    summary: `${data.operation} failed ${data.consecutiveFailures} times in a row (last ${data.error.code}), while the connection itself stays healthy.`,
    action: `Look at the connection's last errors for ${data.operation} and at the provider's status for that call; the alert clears when it succeeds again.`,
    facts: [
      { label: 'Error', value: `${data.error.code} on ${data.operation}` },
      { label: 'Failing since', value: data.failingSince },
    ],
  };
}

export function operationRecoveredText(event: Event<'connection.operation_recovered'>): Text {
  const { data } = event;
  return {
    title: `Operation recovered: ${where(event, data.operation)}`,
    summary: `${data.operation} works again after ${data.consecutiveFailures} failures in a row.`,
    facts: [{ label: 'Failing since', value: data.failingSince }],
  };
}
