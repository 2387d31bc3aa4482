import { randomUUID } from 'node:crypto';
import type { Alert } from './alert.js';
import type { AlertSignal } from './alert-signal.js';

interface Group {
  incidentId: string | undefined;
  /** The firing notification went out (or is queued to). */
  announced: boolean;
  grouped: number;
  /** When this group's last firing notification was queued (epoch ms). */
  lastAnnouncedAt: number | undefined;
  /** A firing notification waiting for the end of the group's quiet period. */
  held: Alert | undefined;
}

/**
 * Turns signals into the notifications worth sending, per group (a connection's health, its held
 * syncs): one `firing` per incident however many failures follow it (they are counted in
 * `grouped`), one `resolved` when it clears, and at most one incident announced per
 * `minIntervalMs` so a flapping connection does not flood a channel. An incident that opens within
 * that period is held; it is announced when the period ends if still open, and never (nor its
 * recovery) if it cleared meanwhile.
 */
export class AlertGroups {
  readonly #groups = new Map<string, Group>();
  readonly #minIntervalMs: number;

  constructor(minIntervalMs: number) {
    this.#minIntervalMs = minIntervalMs;
  }

  /** `announce: false` for old events: they open and clear incidents without a notification. */
  observe(signal: AlertSignal, now: number, announce: boolean): Alert[] {
    const group = this.#group(signal.group);
    if (signal.state === 'firing') {
      if (group.incidentId !== undefined) {
        group.grouped += 1;
        // Still waiting: the newest words (a quarantine after a failure) are the ones to send.
        if (group.held !== undefined) group.held = { ...group.held, ...signal.draft, grouped: group.grouped };
        return [];
      }
      group.incidentId = randomUUID();
      group.grouped = 0;
      const alert: Alert = { ...signal.draft, incidentId: group.incidentId, state: 'firing', grouped: 0 };
      if (!announce) return [];
      if (group.lastAnnouncedAt !== undefined && now - group.lastAnnouncedAt < this.#minIntervalMs) {
        group.held = alert;
        return [];
      }
      return [this.#announce(group, alert, now)];
    }
    if (group.incidentId === undefined) return [];
    const resolved: Alert = {
      ...signal.draft,
      incidentId: group.incidentId,
      state: 'resolved',
      grouped: group.grouped,
    };
    const announced = group.announced;
    Object.assign(group, { incidentId: undefined, announced: false, held: undefined, grouped: 0 });
    return announced && announce ? [resolved] : [];
  }

  /** Held incidents whose quiet period is over and that are still open. */
  due(now: number): Alert[] {
    const alerts: Alert[] = [];
    for (const group of this.#groups.values()) {
      const held = group.held;
      if (held === undefined || now - (group.lastAnnouncedAt ?? 0) < this.#minIntervalMs) continue;
      group.held = undefined;
      alerts.push(this.#announce(group, held, now));
    }
    return alerts;
  }

  #announce(group: Group, alert: Alert, now: number): Alert {
    group.announced = true;
    group.lastAnnouncedAt = now;
    return alert;
  }

  #group(id: string): Group {
    let group = this.#groups.get(id);
    if (group === undefined) {
      group = {
        incidentId: undefined,
        announced: false,
        grouped: 0,
        lastAnnouncedAt: undefined,
        held: undefined,
      };
      this.#groups.set(id, group);
    }
    return group;
  }
}
