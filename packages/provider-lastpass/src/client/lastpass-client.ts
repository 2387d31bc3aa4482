import { type Logger, parseInput } from '@provisionkit/core';
import type { LimiterState } from '@provisionkit/core/http';
import { z } from 'zod';
import { assertBatchSize } from './batch-limit.js';
import type { CallOptions, RequestOptions, WriteOptions } from './call-options.js';
import type { LastPassClientConfig } from './client-config.js';
import { BATCH_ADD } from './commands/batch-add.js';
import type { BatchAddUser } from './commands/batch-add-request.js';
import { BATCH_CHANGE_GROUPS, type GroupChange } from './commands/batch-change-groups.js';
import { isIdempotentCommand } from './commands/command-catalogue.js';
import type { CommandSpec } from './commands/command-spec.js';
import { DELETE_USER, type DeleteAction } from './commands/delete-user.js';
import {
  EXPIRED_MASTER_PASSWORD_LIST,
  type ExpiredMasterPasswordListRequest,
  type ExpiredMasterPasswordListResponse,
} from './commands/expired-master-pw-list.js';
import { GET_SHARED_FOLDER_DATA, type GetSharedFolderDataResponse } from './commands/get-sf-data.js';
import {
  GET_USER_DATA,
  type GetUserDataRequest,
  type GetUserDataResponse,
} from './commands/get-user-data.js';
import { REPORTING, type ReportingRequest, type ReportingResponse } from './commands/reporting.js';
import { DISABLE_USERS, ENABLE_USERS, type ToggleUsersResponse } from './commands/toggle-users.js';
import { UPDATE_EMAIL } from './commands/update-email.js';
import { UPDATE_USER, type UpdateUserRequest } from './commands/update-user.js';
import {
  DISABLE_MULTIFACTOR,
  REINVITE_USER,
  REQUIRE_MASTER_PASSWORD_CHANGE,
  RESET_PASSWORD,
} from './commands/user-actions.js';
import type { StatusResponse } from './commands/wire-values.js';
import { type LastPassSuccess, PROVIDER_ID } from './interpret-response.js';
import { type LastPassResult, readResponse } from './read-response.js';
import { singleUserWarning } from './single-user-warning.js';
import { WireCaller, type WireCallerOptions } from './wire-caller.js';

export type LastPassClientOptions = WireCallerOptions;

// Lower-case letters only: every LastPass command name has that shape, and it keeps logs clean.
const CommandName = z.string().regex(/^[a-z]{2,64}$/, 'must be a LastPass command name (lower-case letters)');

/** The LastPass Enterprise API of one company (one connection): typed commands over one wire caller. */
export class LastPassClient {
  readonly #wire: WireCaller;
  readonly pageSize: number;
  readonly batchSize: number;

  constructor(config: LastPassClientConfig, logger: Logger, options: LastPassClientOptions = {}) {
    this.#wire = new WireCaller(config, logger, options);
    this.pageSize = config.pageSize;
    this.batchSize = config.batchSize;
  }

  /** The connection's limiter: current rate, host ceiling, requests in flight, throttled answers. */
  get limiterState(): LimiterState {
    return this.#wire.limiterState;
  }

  /** Any command, untyped. Throws the core error of a failure; returns ok and partial (warn) answers. */
  async call(cmd: string, data?: unknown, options: CallOptions = {}): Promise<LastPassSuccess> {
    const name = parseInput(CommandName, cmd, { argument: 'cmd', provider: PROVIDER_ID });
    return this.#wire.call(name, data, isIdempotentCommand(name), options);
  }

  async getUserData(
    query: GetUserDataRequest = {},
    options: RequestOptions = {},
  ): Promise<LastPassResult<GetUserDataResponse>> {
    const paged = query.username === undefined ? { pageindex: 0, pagesize: this.pageSize, ...query } : query;
    return this.#run(GET_USER_DATA, paged, 'query', options);
  }

  async batchAdd(
    users: readonly BatchAddUser[],
    options: WriteOptions = {},
  ): Promise<LastPassResult<StatusResponse>> {
    return this.#run(BATCH_ADD, assertBatchSize(users, this.batchSize, 'users'), 'users', options);
  }

  async batchChangeGroups(
    changes: readonly GroupChange[],
    options: RequestOptions = {},
  ): Promise<LastPassResult<StatusResponse>> {
    return this.#run(
      BATCH_CHANGE_GROUPS,
      assertBatchSize(changes, this.batchSize, 'changes'),
      'changes',
      options,
    );
  }

  /** Actions 1-3 make the user disappear, so `not_found` on a resend means the first send applied. */
  async deleteUser(
    username: string,
    action: DeleteAction,
    options: RequestOptions = {},
  ): Promise<LastPassResult<StatusResponse>> {
    const input = { username, deleteaction: action };
    return this.#run(DELETE_USER, input, 'input', { ...options, notFoundMeansApplied: action !== 0 });
  }

  async disableUsers(
    userNames: readonly string[],
    options: RequestOptions = {},
  ): Promise<LastPassResult<ToggleUsersResponse>> {
    return this.#run(
      DISABLE_USERS,
      assertBatchSize(userNames, this.batchSize, 'userNames'),
      'userNames',
      options,
    );
  }

  async enableUsers(
    userNames: readonly string[],
    options: RequestOptions = {},
  ): Promise<LastPassResult<ToggleUsersResponse>> {
    return this.#run(
      ENABLE_USERS,
      assertBatchSize(userNames, this.batchSize, 'userNames'),
      'userNames',
      options,
    );
  }

  async updateUser(
    update: UpdateUserRequest,
    options: RequestOptions = {},
  ): Promise<LastPassResult<StatusResponse>> {
    return this.#run(UPDATE_USER, update, 'update', options);
  }

  async updateEmail(
    oldEmail: string,
    newEmail: string,
    options: WriteOptions = {},
  ): Promise<LastPassResult<StatusResponse>> {
    return this.#run(UPDATE_EMAIL, { oldemail: oldEmail, newemail: newEmail }, 'input', options);
  }

  async reinviteUser(username: string, options: WriteOptions = {}): Promise<LastPassResult<StatusResponse>> {
    return this.#run(REINVITE_USER, { username }, 'input', options);
  }

  async resetPassword(username: string, options: WriteOptions = {}): Promise<LastPassResult<StatusResponse>> {
    return this.#run(RESET_PASSWORD, { username }, 'input', options);
  }

  async requireMasterPasswordChange(
    username: string,
    options: RequestOptions = {},
  ): Promise<LastPassResult<StatusResponse>> {
    return this.#run(REQUIRE_MASTER_PASSWORD_CHANGE, { username }, 'input', options);
  }

  async disableMultifactor(
    username: string,
    options: RequestOptions = {},
  ): Promise<LastPassResult<StatusResponse>> {
    return this.#run(DISABLE_MULTIFACTOR, { username }, 'input', options);
  }

  async getSharedFolderData(
    options: RequestOptions = {},
  ): Promise<LastPassResult<GetSharedFolderDataResponse>> {
    return this.#run(GET_SHARED_FOLDER_DATA, undefined, 'input', options);
  }

  async reporting(
    query: ReportingRequest,
    options: RequestOptions = {},
  ): Promise<LastPassResult<ReportingResponse>> {
    return this.#run(REPORTING, query, 'query', options);
  }

  async expiredMasterPasswordList(
    query: ExpiredMasterPasswordListRequest = {},
    options: RequestOptions = {},
  ): Promise<LastPassResult<ExpiredMasterPasswordListResponse>> {
    return this.#run(EXPIRED_MASTER_PASSWORD_LIST, query, 'query', options);
  }

  async #run<Req extends z.ZodType, Res extends z.ZodType>(
    spec: CommandSpec<Req, Res>,
    input: unknown,
    argument: string,
    options: Omit<CallOptions, 'idempotent'>,
  ): Promise<LastPassResult<z.output<Res>>> {
    const data =
      spec.fastParse?.(input) ??
      parseInput(spec.request, input, { argument, provider: PROVIDER_ID, what: `${spec.cmd} input` });
    const outcome = await this.#wire.call(spec.cmd, data, spec.idempotent, options);
    const result = readResponse(spec.cmd, spec.response, outcome, spec.fastRead);
    if (spec.singleUser === true && result.kind === 'warn') throw singleUserWarning(spec.cmd, result.errors);
    return result;
  }
}
