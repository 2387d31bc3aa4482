import type { ProvisionEvent } from '../events/provision-event.js';
import type { Alert, AlertFact, AlertKind } from './alert.js';

type Event<T extends ProvisionEvent['type']> = Extract<ProvisionEvent, { type: T }>;
type Text = Pick<Alert, 'title' | 'summary' | 'action' | 'facts'>;

const fact = (label: string, value: string | number | undefined): AlertFact[] =>
  value === undefined ? [] : [{ label, value: String(value) }];

const where = (event: ProvisionEvent) => `${event.tenant} / ${event.provider}`;

const failures = (count: number) => (count === 1 ? '1 failure' : `${count} failures in a row`);

/** The words of a firing health alert: what failed, since when, and what the host should do. */
export function failingText(
  kind: AlertKind,
  event: Event<'connection.unhealthy'> | Event<'connection.quarantined'>,
): Text {
  const { data } = event;
  const facts = [
    ...fact('Error', `${data.error.code} on ${data.error.operation}`),
    ...fact('Credentials', data.credentials),
    ...fact('Failing since', data.failingSince),
    ...fact('Next check', data.nextCheckAt),
  ];
  if (kind === 'quarantined') {
    return {
      title: `Connection quarantined: ${where(event)}`,
      summary: `The connection kept failing (${failures(data.consecutiveFailures)}, last ${data.error.code}). It is checked less and less often and its operations are slowed until it works again.`,
      action: actionFor(data.credentials),
      facts,
    };
  }
  if (kind === 'credentials') {
    return {
      title: `Credentials refused: ${where(event)}`,
      summary: `The provider refused the connection's credentials (${data.credentials ?? data.error.code}). Its operations fail until they are replaced.`,
      action: actionFor(data.credentials),
      facts,
    };
  }
  return {
    title: `Connection failing: ${where(event)}`,
    summary: `Checks and operations failed ${data.consecutiveFailures} times in a row (last ${data.error.code} on ${data.error.operation}).`,
    action: actionFor(undefined),
    facts,
  };
}

function actionFor(credentials: string | undefined): string {
  if (credentials === 'insufficient_permissions')
    return 'Give the account behind the connection the permissions provisioning needs, then check the connection again.';
  if (credentials !== undefined)
    return "Ask the customer for new credentials, update the connection's config, then check the connection again.";
  return "Look at the provider's status and the connection's last errors; it recovers by itself at its next successful check or operation.";
}

export function recoveredText(event: Event<'connection.recovered'>): Text {
  const { data } = event;
  return {
    title: `Connection recovered: ${where(event)}`,
    summary: `The connection works again (${data.recoveredBy} succeeded) after ${failures(data.consecutiveFailures)}${data.from === 'quarantined' ? '; its quarantine is over' : ''}.`,
    facts: [...fact('Unhealthy since', data.unhealthySince), ...fact('Quarantined at', data.quarantinedAt)],
  };
}

export function heldText(event: Event<'sync.held'>): Text {
  return {
    title: `Sync held for approval: ${where(event)}`,
    summary: 'A sync run found more deletions than the connection allows at once and waits for approval.',
    action:
      "Review the run's changes (kit.listSyncChanges), then approve or reject it (kit.approveSync / kit.rejectSync).",
    facts: [...fact('Run', event.runId), ...fact('Deletions', event.data.counts.deleted)],
  };
}

export function syncClearedText(event: ProvisionEvent): Text {
  return {
    title: `Sync no longer held: ${where(event)}`,
    summary: 'A later sync run of the connection completed.',
    facts: [],
  };
}
