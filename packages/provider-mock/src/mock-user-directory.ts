import {
  type BatchResult,
  type Capabilities,
  ConflictError,
  ConnectionConfig,
  ConnectionContext,
  type CredentialCheck,
  describeRef,
  type Group,
  GroupName,
  InvalidInputError,
  type ListChangesOptions,
  type ListUsersOptions,
  NewUser,
  NotFoundError,
  type OperationOptions,
  parseInput,
  type User,
  type UserDirectory,
  UserPatch,
  UserRef,
  userNameFormatIssue,
  type Verb,
} from '@provisionkit/core';
import { inject, injectable, optional } from 'inversify';
import { z } from 'zod';
import { FaultEngine } from './faults/fault-engine.js';
import { MockFaults } from './faults/mock-faults.js';
import { createBatch } from './mock-batch.js';
import { mockCapabilities } from './mock-capabilities.js';
import { MockClock } from './mock-clock.js';
import { type MockConfigInput, mockConfigSchema } from './mock-config.js';
import { type ListingSource, listChangesPaged, listUsersPaged } from './mock-listing.js';
import { emptyStats, type MockStats } from './mock-stats.js';
import { reactivate, suspend } from './store/lifecycle.js';
import { applyPatch, newRecord, toUser, type UserRecord } from './store/user-record.js';
import { UserStore } from './store/user-store.js';

const GroupList = z.array(GroupName).max(1000);

/**
 * In-memory `UserDirectory` that declares every capability. Validates its own input (it is also
 * called directly, without core's middleware), consults `faults` before touching its store, and
 * counts what it was asked in `stats`. Returned users are always copies. Every verb honours its
 * `signal`: an aborted call (also during an injected delay) fails with `CancelledError` and changes
 * nothing.
 */
@injectable()
export class MockUserDirectory implements UserDirectory {
  readonly provider: string;
  readonly capabilities: Capabilities;
  /** The connection this directory serves (tenant, provider id, connection id). */
  readonly connection: ConnectionContext;
  /** Scripted failures, latency and credential states (see `MockFaults`). */
  readonly faults: MockFaults;
  readonly #engine = new FaultEngine();
  readonly #store = new UserStore();
  readonly #stats = emptyStats();
  readonly #now: MockClock;

  constructor(
    @inject(ConnectionConfig) config: MockConfigInput,
    @inject(ConnectionContext) connection: ConnectionContext,
    @inject(MockClock) @optional() now?: MockClock,
  ) {
    this.connection = connection;
    this.provider = connection.provider;
    const parsed = this.#parse(mockConfigSchema, config, 'config');
    this.capabilities = mockCapabilities(parsed);
    this.#now = now ?? (() => new Date());
    this.faults = new MockFaults(this.#engine);
    if (parsed.credentials !== undefined) this.#engine.credentials = parsed.credentials;
    for (const [index, item] of (parsed.seed ?? []).entries()) {
      if (this.#store.isNameTaken(item.userName)) {
        const issue = { path: `config.seed.${index}.userName`, message: 'duplicates an earlier seed user' };
        throw new InvalidInputError(`Invalid config: ${issue.path}`, [issue], { provider: this.provider });
      }
      this.#insert(item, `config.seed.${index}.userName`);
    }
  }

  /** Snapshot of the call counters. */
  get stats(): MockStats {
    return { calls: { ...this.#stats.calls }, pagesServed: this.#stats.pagesServed };
  }

  resetStats(): void {
    Object.assign(this.#stats, emptyStats());
  }

  /** Test back door: every user in id order, without faults, latency or stats. */
  peekUsers(): User[] {
    return this.#store.all().map(toUser);
  }

  /** Test back door: whether `ref` exists and was given `password` (passwords are never returned). */
  passwordMatches(ref: UserRef, password: string): boolean {
    return this.#store.find(ref)?.password === password;
  }

  /** Pages lazily by id; once `signal` aborts, the pending or next step throws `CancelledError`. */
  listUsers(options?: ListUsersOptions): AsyncIterable<User> {
    this.#count('listUsers');
    return listUsersPaged(this.#listing('listUsers'), options);
  }

  /**
   * Users created or changed (any field, status or group) at or after `since` by the directory's
   * clock, paged like `listUsers` (and cancelled like it). Deleted users are not listed. Faults
   * match it as its own verb.
   */
  listUsersChangedSince(options: ListChangesOptions): AsyncIterable<User> {
    this.#count('listUsersChangedSince');
    return listChangesPaged(this.#listing('listUsersChangedSince'), options);
  }

  #listing(verb: 'listUsers' | 'listUsersChangedSince'): ListingSource {
    return {
      provider: this.provider,
      capabilities: this.capabilities,
      verb,
      fetchPage: async ({ page, afterSeq, size, matches, signal }) => {
        await this.#engine.enter({ verb, page }, this.provider, signal);
        this.#stats.pagesServed += 1;
        return this.#store.page(afterSeq, size, matches);
      },
    };
  }

  async getUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    this.#count('getUser');
    const record = await this.#existing('getUser', ref, options);
    return toUser(record);
  }

  async createUser(input: NewUser, options?: OperationOptions): Promise<User> {
    this.#count('createUser');
    const item = this.#parse(NewUser, input, 'input');
    await this.#enter('createUser', options);
    return toUser(this.#insert(item, 'input.userName'));
  }

  async createUsers(batch: readonly NewUser[], options?: OperationOptions): Promise<BatchResult> {
    this.#count('createUsers');
    const items = this.#parse(z.array(z.unknown()).max(this.capabilities.maxBatchSize), batch, 'batch');
    await this.#enter('createUsers', options);
    return createBatch(items, {
      provider: this.provider,
      itemError: (item, index) => this.#engine.itemError(item, index, this.provider),
      insert: (item, index) => toUser(this.#insert(item, `batch.${index}.userName`)),
    });
  }

  async updateUser(ref: UserRef, patch: UserPatch, options?: OperationOptions): Promise<User> {
    this.#count('updateUser');
    const changes = this.#parse(UserPatch, patch, 'patch');
    const record = await this.#existing('updateUser', ref, options);
    if (changes.userName !== undefined) {
      this.#ensureUserNameFormat(changes.userName, 'patch.userName');
      if (this.#store.isNameTaken(changes.userName, record.id)) throw this.#conflict();
      this.#store.rename(record, changes.userName);
    }
    applyPatch(record, changes);
    this.#touch(record);
    return toUser(record);
  }

  async suspendUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    this.#count('suspendUser');
    const record = await this.#existing('suspendUser', ref, options);
    if (suspend(record)) this.#touch(record);
    return toUser(record);
  }

  async reactivateUser(ref: UserRef, options?: OperationOptions): Promise<User> {
    this.#count('reactivateUser');
    const record = await this.#existing('reactivateUser', ref, options);
    if (reactivate(record)) this.#touch(record);
    return toUser(record);
  }

  async removeUser(ref: UserRef, options?: OperationOptions): Promise<void> {
    this.#count('removeUser');
    this.#store.delete(await this.#existing('removeUser', ref, options));
  }

  async purgeUser(ref: UserRef, options?: OperationOptions): Promise<void> {
    this.#count('purgeUser');
    this.#store.delete(await this.#existing('purgeUser', ref, options));
  }

  async cancelInvitation(ref: UserRef, options?: OperationOptions): Promise<void> {
    this.#count('cancelInvitation');
    const record = await this.#existing('cancelInvitation', ref, options);
    if (record.status !== 'invited') {
      throw new ConflictError('Only an invited user has an invitation to cancel', {
        provider: this.provider,
        details: { status: record.status },
      });
    }
    this.#store.delete(record);
  }

  async addToGroups(ref: UserRef, groups: readonly string[], options?: OperationOptions): Promise<User> {
    this.#count('addToGroups');
    const names = this.#parse(GroupList, groups, 'groups');
    const record = await this.#existing('addToGroups', ref, options);
    const joined = [...new Set([...record.groups, ...names])];
    if (joined.length !== record.groups.length) this.#touch(record);
    record.groups = joined;
    this.#store.addGroups(names);
    return toUser(record);
  }

  async removeFromGroups(ref: UserRef, groups: readonly string[], options?: OperationOptions): Promise<User> {
    this.#count('removeFromGroups');
    const names = new Set(this.#parse(GroupList, groups, 'groups'));
    const record = await this.#existing('removeFromGroups', ref, options);
    const kept = record.groups.filter((name) => !names.has(name));
    if (kept.length !== record.groups.length) this.#touch(record);
    record.groups = kept;
    return toUser(record);
  }

  async listGroups(options?: OperationOptions): Promise<Group[]> {
    this.#count('listGroups');
    await this.#enter('listGroups', options);
    return this.#store.groups();
  }

  async verifyCredentials(options?: OperationOptions): Promise<CredentialCheck> {
    this.#count('verifyCredentials');
    const status = await this.#engine.verify(this.provider, options?.signal);
    return { status, checkedAt: this.#now().toISOString() };
  }

  /** `path` names the user name in an `invalid_input` error (`input.userName`, `batch.2.userName`). */
  #insert(item: z.output<typeof NewUser>, path: string): UserRecord {
    this.#ensureUserNameFormat(item.userName, path);
    if (this.#store.isNameTaken(item.userName)) throw this.#conflict();
    const record = newRecord(item, {
      seq: this.#store.allocateSeq(),
      status: this.capabilities.createsInvitedUsers ? 'invited' : 'active',
      createdAt: this.#now().toISOString(),
    });
    this.#store.add(record);
    return record;
  }

  /** Validates `ref`, runs the faults, then finds the user or throws `NotFoundError`. */
  async #existing(verb: Verb, ref: UserRef, options: OperationOptions | undefined): Promise<UserRecord> {
    const parsed = this.#parse(UserRef, ref, 'ref');
    await this.#enter(verb, options);
    const record = this.#store.find(parsed);
    if (record === undefined) {
      throw new NotFoundError(`No user with ${describeRef(parsed)}`, { provider: this.provider });
    }
    return record;
  }

  /** Marks a change for `listUsersChangedSince`. */
  #touch(record: UserRecord): void {
    record.updatedAt = this.#now().toISOString();
  }

  /** Faults and latency first; an aborted signal then fails the call before the store is touched. */
  #enter(verb: Verb, options: OperationOptions | undefined): Promise<void> {
    return this.#engine.enter({ verb }, this.provider, options?.signal);
  }

  #count(verb: Verb): void {
    this.#stats.calls[verb] += 1;
  }

  /** The mock refuses what its `userNameFormat` declares it cannot hold, as a provider would. */
  #ensureUserNameFormat(userName: string, path: string): void {
    const message = userNameFormatIssue(this.capabilities.userNameFormat, userName, this.provider);
    if (message === undefined) return;
    throw new InvalidInputError(`Invalid user: ${path} ${message}`, [{ path, message }], {
      provider: this.provider,
    });
  }

  #conflict(): ConflictError {
    return new ConflictError('userName is already taken (compared case-insensitively)', {
      provider: this.provider,
      details: { field: 'userName' },
    });
  }

  #parse<S extends z.ZodType>(schema: S, value: unknown, argument: string): z.output<S> {
    return parseInput(schema, value, { argument, provider: this.provider });
  }
}
