/**
 * The event log behind `reporting` (§4.11). Action names marked [C] are the ones seen in public
 * fixtures; the others are invented for commands no fixture shows, and only need to be stable.
 */
export const EVENT_ACTIONS = {
  invited: 'Employee invited', // [C]
  created: 'Employee account created', // [C]
  deleted: 'Employee account deleted', // [C]
  addToGroup: 'Adding user to group', // [C] Data "user - group"
  removeFromGroup: 'Remove from group', // [C] Data "'group' 'user'"
  requirePasswordChange: 'Require password change', // [C]
  getUserData: 'Get user data', // [C] Data "Initiated by API"
  getSharedFolderData: 'Get shared folder data', // [C]
  reporting: 'Reporting', // [C]
  login: 'Log in', // [C] Data "lastpass.com"
  secretRegenerated: 'Enterprise API secret regenerated', // [C]
  disabled: 'Employee account disabled', // invented
  enabled: 'Employee account enabled', // invented
  removedFromCompany: 'Employee removed from company', // invented
  uninvited: 'Employee invitation deleted', // invented
  updated: 'Employee account updated', // invented
  emailChanged: 'Employee email changed', // invented
  reinvited: 'Employee re-invited', // invented
  passwordResetSent: 'Master password reset email sent', // invented
  multifactorDisabled: 'Multifactor disabled', // invented
  expiredPasswordReport: 'Expired master password report', // invented
} as const;

export const INITIATED_BY_API = 'Initiated by API';

export interface SimulatorEvent {
  /** Epoch microseconds, unique and increasing: the `reporting` `next` cursor points at one. */
  readonly timeUs: number;
  readonly username: string;
  readonly ipAddress: string;
  readonly action: string;
  readonly data: string;
}

export type NewEvent = Omit<SimulatorEvent, 'timeUs'>;

export interface EventQuery {
  readonly fromUs: number;
  /** Inclusive upper bound (the smaller of `to` and `next`). */
  readonly toUs: number;
  readonly limit: number;
  readonly matches: (event: SimulatorEvent) => boolean;
}

export class EventLog {
  private readonly list: SimulatorEvent[] = [];

  constructor(private readonly clock: () => number) {}

  get all(): readonly SimulatorEvent[] {
    return this.list;
  }

  append(event: NewEvent): SimulatorEvent {
    const last = this.list.at(-1)?.timeUs ?? 0;
    const stored = { ...event, timeUs: Math.max(Math.floor(this.clock() * 1000), last + 1) };
    this.list.push(stored);
    return stored;
  }

  /** Adds back-dated events (seeding), keeping the log sorted with unique times. */
  insertPast(events: readonly SimulatorEvent[]): void {
    this.list.push(...events);
    this.list.sort((a, b) => a.timeUs - b.timeUs);
    for (let i = 1; i < this.list.length; i++) {
      const previous = this.list[i - 1]!;
      const current = this.list[i]!;
      if (current.timeUs <= previous.timeUs) this.list[i] = { ...current, timeUs: previous.timeUs + 1 };
    }
  }

  /** Newest first, at most `limit`; `nextUs` is the newest event left out, or null when complete. */
  query(query: EventQuery): { events: SimulatorEvent[]; nextUs: number | null } {
    const events: SimulatorEvent[] = [];
    for (let i = this.upperBound(query.toUs) - 1; i >= 0; i--) {
      const event = this.list[i]!;
      if (event.timeUs < query.fromUs) break;
      if (!query.matches(event)) continue;
      if (events.length === query.limit) return { events, nextUs: event.timeUs };
      events.push(event);
    }
    return { events, nextUs: null };
  }

  /** Index of the first event later than `timeUs`. */
  private upperBound(timeUs: number): number {
    let low = 0;
    let high = this.list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.list[mid]!.timeUs <= timeUs) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
