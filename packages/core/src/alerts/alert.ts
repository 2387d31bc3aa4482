import { z } from 'zod';

/**
 * What an alert is about. `credentials`: a connection's credentials were refused.
 * `connection_failing`: its checks and operations kept failing (the connection is unhealthy).
 * `quarantined`: it kept failing long enough to be quarantined. `operation_failures`: one
 * operation kept failing while the connection otherwise works. `sync_held`: a sync run waits for
 * approval (it would delete too much).
 */
export const AlertKind = z.enum([
  'credentials',
  'connection_failing',
  'quarantined',
  'operation_failures',
  'sync_held',
]);
export type AlertKind = z.infer<typeof AlertKind>;

/** One line of an alert's facts: a label and its value (plain text, no secret). */
export interface AlertFact {
  readonly label: string;
  readonly value: string;
}

/**
 * A notification handed to an `AlertSink`: what happened to which connection and what to do, in
 * words a person reads in a channel. Built from events of the log, which carry no secret, so an
 * alert carries none either.
 */
export interface Alert {
  /** Stable for the incident: the firing notification and its `resolved` one share it. */
  readonly incidentId: string;
  readonly kind: AlertKind;
  /** `firing` opens an incident, `resolved` says it cleared. */
  readonly state: 'firing' | 'resolved';
  readonly tenant: string;
  readonly provider: string;
  /** One line: "Credentials refused: acme / lastpass". */
  readonly title: string;
  /** What happened, in a sentence or two. */
  readonly summary: string;
  /** What to do about it (absent on `resolved`). */
  readonly action?: string;
  readonly facts: readonly AlertFact[];
  /** When it happened (the event's time). */
  readonly at: string;
  /** Later events of the same incident folded into this notification or since it was sent. */
  readonly grouped: number;
}

/**
 * Where alerts go (a Slack channel, a pager, a ticket queue). `send` resolves once the destination
 * accepted the notification; it rejects with a `ProvisioningError` (`rate_limited` with
 * `retryAfterMs`, `unavailable`: tried again later; anything else: dropped) and never with the
 * destination's address or credentials in the error.
 */
export interface AlertSink {
  /** A short label for logs and metrics (`slack`). */
  readonly name: string;
  send(alert: Alert, options: { readonly signal: AbortSignal }): Promise<void>;
}
