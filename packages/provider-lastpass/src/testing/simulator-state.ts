import { z } from 'zod';
import { EventLog, type NewEvent, type SimulatorEvent } from './events.js';
import { GroupIndex } from './group-index.js';
import { createPrng, type Prng } from './prng.js';
import { type SeedTarget, seedCompany } from './seed-company.js';
import { DEFAULT_GROUPS } from './seed-data.js';
import { SharedFolderStore } from './shared-folders.js';
import { parseOrThrow, SimulatorError } from './simulator-error.js';
import { buildUser, type SimulatorUser, SimulatorUserInput } from './simulator-user.js';
import { createWallClock, type WallClock } from './timestamps.js';
import { type UserFilter, UserStore } from './user-store.js';

const SeedArguments = z.object({
  count: z.number().int().nonnegative(),
  groups: z.array(z.string().trim().min(1)),
});

export type UserPatch = Partial<Omit<SimulatorUser, 'id' | 'username' | 'groups'>>;

/** A user that left the company: what tests assert after `deluser` actions 1, 2 and 3. */
export interface Departure {
  readonly id: string;
  readonly username: string;
  readonly reason: 'removed' | 'deleted' | 'uninvited';
}

export interface SimulatorStateOptions {
  readonly cid: number;
  readonly provhash: string;
  readonly clock: () => number;
  readonly timezone: string;
  readonly random: number;
}

/** The simulated company. Commands and tests go through these methods so the indexes stay right. */
export class SimulatorState {
  readonly clock: () => number;
  readonly wallClock: WallClock;
  readonly sharedFolders = new SharedFolderStore();
  private readonly users = new UserStore();
  private readonly groupIndex = new GroupIndex();
  private readonly log: EventLog;
  private readonly prng: Prng;
  private readonly left: Departure[] = [];
  private currentProvhash: string;
  private readonly cid: number;

  constructor(options: SimulatorStateOptions) {
    this.cid = options.cid;
    this.clock = options.clock;
    this.wallClock = createWallClock(options.timezone);
    this.log = new EventLog(options.clock);
    this.prng = createPrng(options.random);
    this.currentProvhash = options.provhash;
  }

  get credentials(): { readonly cid: number; readonly provhash: string } {
    return { cid: this.cid, provhash: this.currentProvhash };
  }

  /** Rotates the secret, as "reset" in the Admin Console does: the old hash fails from now on. */
  setProvhash(provhash: string): void {
    this.currentProvhash = parseOrThrow(
      z.string().regex(/^\S{8,}$/, 'at least 8 non-space characters'),
      provhash,
      'provhash',
    );
    this.recordEvent({
      username: 'API',
      ipAddress: '127.0.0.1',
      action: 'Enterprise API secret regenerated',
      data: '',
    });
  }

  get userCount(): number {
    return this.users.size;
  }

  addUser(input: SimulatorUserInput): Readonly<SimulatorUser> {
    const parsed = parseOrThrow(SimulatorUserInput, input, 'user');
    if (this.users.findByName(parsed.username))
      throw new SimulatorError('conflict', 'username', 'already exists');
    return this.insertUser(parsed, parsed.groups ?? []);
  }

  getUserByName(username: string): Readonly<SimulatorUser> | undefined {
    return this.users.findByName(username);
  }

  getUserById(id: string): Readonly<SimulatorUser> | undefined {
    return this.users.findById(id);
  }

  /** A snapshot copy, in id order. */
  listUsers(filter: UserFilter = {}): Readonly<SimulatorUser>[] {
    return this.users.matching(filter).slice();
  }

  /** The live id-ordered list behind paging: no copy, so do not hold on to it across writes. */
  orderedUsers(filter: UserFilter = {}): readonly Readonly<SimulatorUser>[] {
    return this.users.matching(filter);
  }

  patchUser(username: string, patch: UserPatch): Readonly<SimulatorUser> {
    const user = this.mustFind(username);
    Object.assign(user, patch);
    this.users.changed();
    return user;
  }

  renameUser(username: string, newUsername: string): void {
    const user = this.mustFind(username);
    this.sharedFolders.renameMember(user.username, newUsername);
    this.users.rename(user, newUsername);
  }

  /** Simulates the user's first (or a new) login: the invitation is accepted, counters appear. */
  recordLogin(username: string, at: number = this.clock()): void {
    const user = this.mustFind(username);
    user.invited = false;
    user.lastLogin = at;
    user.counters ??= { sites: 0, notes: 0, formfills: 0, applications: 0, attachments: 0 };
    user.totalscore ??= 0;
    this.recordEvent({
      username: user.username,
      ipAddress: '198.51.100.10',
      action: 'Log in',
      data: 'lastpass.com',
    });
  }

  removeUser(username: string, reason: Departure['reason']): void {
    const user = this.mustFind(username);
    this.groupIndex.dropUser(user);
    this.sharedFolders.renameMember(user.username, null);
    this.users.remove(user);
    this.left.push({ id: user.id, username: user.username, reason });
  }

  get departures(): readonly Departure[] {
    return this.left;
  }

  get groups(): ReadonlyMap<string, readonly string[]> {
    return this.groupIndex.snapshot();
  }

  hasGroup(name: string): boolean {
    return this.groupIndex.has(name);
  }

  addGroup(name: string): void {
    this.groupIndex.ensure(name);
  }

  addToGroup(username: string, group: string): boolean {
    return this.groupIndex.add(this.mustFind(username), group);
  }

  removeFromGroup(username: string, group: string): boolean {
    return this.groupIndex.remove(this.mustFind(username), group);
  }

  get events(): readonly SimulatorEvent[] {
    return this.log.all;
  }

  get eventLog(): EventLog {
    return this.log;
  }

  recordEvent(event: NewEvent): SimulatorEvent {
    return this.log.append(event);
  }

  /**
   * Adds `count` realistic users (deterministic per seed) spread over `groups`, a few past logins
   * and, the first time, a few shared folders. Skips zod: 100k users must seed in well under a second.
   */
  seedUsers(count: number, groups: readonly string[] = DEFAULT_GROUPS): void {
    // The arguments are checked once; the users themselves are built without zod.
    parseOrThrow(SeedArguments, { count, groups }, '');
    const target: SeedTarget = {
      prng: this.prng,
      now: this.clock(),
      sharedFolders: this.sharedFolders,
      isTaken: (username) => this.users.findByName(username) !== undefined,
      insert: (input, memberOf) => this.insertUser(input, memberOf),
      ensureGroup: (name) => this.groupIndex.ensure(name),
      insertPastEvents: (events) => this.log.insertPast(events),
    };
    seedCompany(target, count, groups);
  }

  private insertUser(input: z.output<typeof SimulatorUserInput>, groups: readonly string[]): SimulatorUser {
    const user = buildUser(this.users.allocateId(), input, this.clock());
    this.users.insert(user);
    for (const group of groups) this.groupIndex.add(user, group);
    return user;
  }

  private mustFind(username: string): SimulatorUser {
    const user = this.users.findByName(username);
    if (user === undefined) throw new SimulatorError('not_found', 'username', `no such user: ${username}`);
    return user;
  }
}
