import type { SimulatorUser } from './simulator-user.js';

/**
 * Group membership. LastPass groups have no id, only a name (§3), and may exist without members.
 * Each user's own `groups` array is kept in step here so serializing a user needs no lookup.
 */
export class GroupIndex {
  private readonly members = new Map<string, Set<SimulatorUser>>();

  has(name: string): boolean {
    return this.members.has(name);
  }

  ensure(name: string): void {
    if (!this.members.has(name)) this.members.set(name, new Set());
  }

  /** Returns false when the user already was a member. */
  add(user: SimulatorUser, name: string): boolean {
    this.ensure(name);
    const set = this.members.get(name)!;
    if (set.has(user)) return false;
    set.add(user);
    user.groups.push(name);
    return true;
  }

  /** Returns false when the user was not a member. */
  remove(user: SimulatorUser, name: string): boolean {
    if (this.members.get(name)?.delete(user) !== true) return false;
    user.groups = user.groups.filter((group) => group !== name);
    return true;
  }

  dropUser(user: SimulatorUser): void {
    for (const name of user.groups) this.members.get(name)?.delete(user);
    user.groups = [];
  }

  /** Group name → member usernames, every group including empty ones. */
  snapshot(): Map<string, string[]> {
    const result = new Map<string, string[]>();
    for (const [name, set] of this.members)
      result.set(
        name,
        Array.from(set, (user) => user.username),
      );
    return result;
  }
}
