import type { SimulatorEvent } from './events.js';
import type { Prng } from './prng.js';
import { generateSeedUsers, generateSharedFolders, type SeededUser } from './seed-users.js';
import type { SharedFolderStore } from './shared-folders.js';
import type { SimulatorUser } from './simulator-user.js';

/** What seeding needs from the state, kept narrow so seeding stays out of the state class. */
export interface SeedTarget {
  readonly prng: Prng;
  readonly now: number;
  readonly sharedFolders: SharedFolderStore;
  isTaken(username: string): boolean;
  insert(input: SeededUser['input'], groups: readonly string[]): SimulatorUser;
  ensureGroup(name: string): void;
  insertPastEvents(events: readonly SimulatorEvent[]): void;
}

const SEEDED_LOGIN_EVENTS = 200;

/** Users, a bounded number of past logins (so `reporting` has history) and, once, shared folders. */
export function seedCompany(target: SeedTarget, count: number, groups: readonly string[]): void {
  const created: SimulatorUser[] = [];
  const context = { prng: target.prng, now: target.now, groups, isTaken: target.isTaken };
  for (const seeded of generateSeedUsers(count, context))
    created.push(target.insert(seeded.input, seeded.groups));
  for (const group of groups) target.ensureGroup(group);
  const logins = created.filter((user) => user.lastLogin !== null).slice(0, SEEDED_LOGIN_EVENTS);
  target.insertPastEvents(
    logins.map((user, i) => ({
      timeUs: (user.lastLogin ?? target.now) * 1000,
      username: user.username,
      ipAddress: `203.0.113.${(i % 250) + 1}`,
      action: 'Log in',
      data: 'lastpass.com',
    })),
  );
  if (target.sharedFolders.all.length === 0) {
    const members = created.filter((user) => !user.invited).map((user) => user.username);
    for (const folder of generateSharedFolders(target.prng, members)) target.sharedFolders.add(folder);
  }
}
