import { ConnectionConfig, parseInput, type User, UserRef } from '@provisionkit/core';
import { inject, injectable } from 'inversify';
import {
  type GetSharedFolderDataResponse,
  type LastPassClient,
  type LastPassSuccess,
  PROVIDER_ID,
  type ReportingRequest,
  type RequestOptions,
} from '../client/index.js';
import { LastPassConnectionClient } from '../directory/connection-client.js';
import { deactivateUser } from '../directory/lifecycle.js';
import { UserLocator } from '../directory/user-locator.js';
import type { LastPassConfig } from '../plugin/lastpass-config.js';
import type { LastPassApi } from './lastpass-api.js';
import { type ReportingPage, toReportingPage } from './reporting-page.js';

/** `LastPassApi` over the connection's client; refs are resolved like the directory's. */
@injectable()
export class LastPassApiService implements LastPassApi {
  readonly #client: LastPassClient;
  readonly #locator: UserLocator;
  readonly #reportingTimeZone: string;

  constructor(
    @inject(LastPassConnectionClient) client: LastPassClient,
    @inject(UserLocator) locator: UserLocator,
    @inject(ConnectionConfig) config: LastPassConfig,
  ) {
    this.#client = client;
    this.#locator = locator;
    this.#reportingTimeZone = config.reportingTimeZone;
  }

  async reinviteUser(ref: UserRef, options: RequestOptions = {}): Promise<void> {
    await this.#client.reinviteUser(await this.#userName(ref, options.signal), { signal: options.signal });
  }

  async resetPassword(ref: UserRef, options: RequestOptions = {}): Promise<void> {
    await this.#client.resetPassword(await this.#userName(ref, options.signal), { signal: options.signal });
  }

  async requireMasterPasswordChange(ref: UserRef, options: RequestOptions = {}): Promise<void> {
    const userName = await this.#userName(ref, options.signal);
    await this.#client.requireMasterPasswordChange(userName, { signal: options.signal });
  }

  async disableMultifactor(ref: UserRef, options: RequestOptions = {}): Promise<void> {
    await this.#client.disableMultifactor(await this.#userName(ref, options.signal), {
      signal: options.signal,
    });
  }

  deactivateUser(ref: UserRef, options: RequestOptions = {}): Promise<User> {
    const deps = { client: this.#client, locator: this.#locator };
    return deactivateUser(deps, parseRef(ref), options.signal);
  }

  async getSharedFolders(options: RequestOptions = {}): Promise<GetSharedFolderDataResponse> {
    return (await this.#client.getSharedFolderData({ signal: options.signal })).body;
  }

  async reporting(query: ReportingRequest, options: RequestOptions = {}): Promise<ReportingPage> {
    const page = await this.#client.reporting(query, { signal: options.signal });
    return toReportingPage(page.body, this.#reportingTimeZone);
  }

  call(cmd: string, data?: unknown, options: RequestOptions = {}): Promise<LastPassSuccess> {
    return this.#client.call(cmd, data, { signal: options.signal });
  }

  async #userName(ref: unknown, signal: AbortSignal | undefined): Promise<string> {
    return (await this.#locator.resolve(parseRef(ref), signal)).record.username;
  }
}

function parseRef(ref: unknown): UserRef {
  return parseInput(UserRef, ref, { argument: 'ref', provider: PROVIDER_ID });
}
