import type { ProvisionEvent } from '../events/provision-event.js';
import type { Alert, AlertKind } from './alert.js';
import { failingText, heldText, recoveredText, syncClearedText } from './alert-text.js';
import { operationFailingText, operationRecoveredText } from './operation-alert-text.js';

/** The log's event types alerts are made from. */
export const ALERT_EVENT_TYPES = Object.freeze([
  'connection.unhealthy',
  'connection.quarantined',
  'connection.recovered',
  'connection.operation_failing',
  'connection.operation_recovered',
  'sync.held',
  'sync.completed',
] as const satisfies readonly ProvisionEvent['type'][]);

/**
 * What one event means for alerts: an incident of a group opens (`firing`) or clears (`resolved`).
 * A connection's health is one group (its credential, failure and quarantine alerts are one
 * incident: a quarantine of a connection already announced as failing is folded into it); each of
 * its operations failing on its own is another, and its held syncs another.
 */
export interface AlertSignal {
  readonly group: string;
  readonly state: 'firing' | 'resolved';
  readonly kind: AlertKind;
  readonly draft: Omit<Alert, 'incidentId' | 'grouped' | 'state'>;
}

const REFUSED = new Set(['invalid', 'expired', 'insufficient_permissions']);

export function signalOf(event: ProvisionEvent): AlertSignal | undefined {
  const base = { tenant: event.tenant, provider: event.provider, at: event.time };
  const health = `${event.tenant}/${event.provider}/connection`;
  const sync = `${event.tenant}/${event.provider}/sync`;
  switch (event.type) {
    case 'connection.unhealthy':
    case 'connection.quarantined': {
      const kind: AlertKind =
        event.type === 'connection.quarantined'
          ? 'quarantined'
          : REFUSED.has(event.data.credentials ?? '')
            ? 'credentials'
            : 'connection_failing';
      return { group: health, state: 'firing', kind, draft: { ...base, kind, ...failingText(kind, event) } };
    }
    case 'connection.recovered': {
      const kind: AlertKind = event.data.from === 'quarantined' ? 'quarantined' : 'connection_failing';
      return { group: health, state: 'resolved', kind, draft: { ...base, kind, ...recoveredText(event) } };
    }
    case 'connection.operation_failing':
    case 'connection.operation_recovered': {
      const kind = 'operation_failures';
      const failing = event.type === 'connection.operation_failing';
      return {
        group: `${health}/${event.data.operation}`,
        state: failing ? 'firing' : 'resolved',
        kind,
        draft: {
          ...base,
          kind,
          ...(failing ? operationFailingText(event) : operationRecoveredText(event)),
        },
      };
    }
    case 'sync.held':
      return {
        group: sync,
        state: 'firing',
        kind: 'sync_held',
        draft: { ...base, kind: 'sync_held', ...heldText(event) },
      };
    case 'sync.completed':
      return {
        group: sync,
        state: 'resolved',
        kind: 'sync_held',
        draft: { ...base, kind: 'sync_held', ...syncClearedText(event) },
      };
    default:
      return undefined;
  }
}
