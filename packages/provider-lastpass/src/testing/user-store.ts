import type { SimulatorUser } from './simulator-user.js';

export interface UserFilter {
  readonly disabled?: boolean;
  readonly admin?: boolean;
}

/**
 * Users indexed by id and by lower-cased username, with an id-ordered array kept for paging so a
 * page is a slice, not a scan. Filtered lists are cached per state version: paging 100k users by
 * `disabled`/`admin` scans once, not once per page.
 */
export class UserStore {
  private readonly byId = new Map<string, SimulatorUser>();
  private readonly byName = new Map<string, SimulatorUser>();
  private ordered: SimulatorUser[] | null = null;
  private readonly filtered = new Map<string, SimulatorUser[]>();
  private nextId = 100_000_001;

  get size(): number {
    return this.byId.size;
  }

  allocateId(): string {
    return String(this.nextId++);
  }

  findByName(username: string): SimulatorUser | undefined {
    return this.byName.get(username.toLowerCase());
  }

  findById(id: string): SimulatorUser | undefined {
    return this.byId.get(id);
  }

  insert(user: SimulatorUser): void {
    this.byId.set(user.id, user);
    this.byName.set(user.username.toLowerCase(), user);
    // Ids grow monotonically, so appending keeps the cached order valid.
    this.ordered?.push(user);
    this.changed();
  }

  remove(user: SimulatorUser): void {
    this.byId.delete(user.id);
    this.byName.delete(user.username.toLowerCase());
    this.ordered = null;
    this.changed();
  }

  rename(user: SimulatorUser, username: string): void {
    this.byName.delete(user.username.toLowerCase());
    user.username = username;
    this.byName.set(username.toLowerCase(), user);
    this.changed();
  }

  /** Call after any change to a user's `disabled`/`admin` flags. */
  changed(): void {
    this.filtered.clear();
  }

  all(): readonly SimulatorUser[] {
    this.ordered ??= Array.from(this.byId.values());
    return this.ordered;
  }

  matching(filter: UserFilter): readonly SimulatorUser[] {
    if (filter.disabled === undefined && filter.admin === undefined) return this.all();
    const key = `${filter.disabled}|${filter.admin}`;
    let list = this.filtered.get(key);
    if (list === undefined) {
      list = this.all().filter(
        (user) =>
          (filter.disabled === undefined || user.disabled === filter.disabled) &&
          (filter.admin === undefined || user.admin === filter.admin),
      );
      this.filtered.set(key, list);
    }
    return list;
  }
}
