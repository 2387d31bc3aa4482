import { ConnectionConfig, parseInput, type User, UserRef } from '@provisionkit/core';
import { inject, injectable } from 'inversify';
import {
  type GetSharedFolderDataResponse,
  type LastPassClient,
  type LastPassSuccess,
  PROVIDER_ID,
  type ReportingRequest,
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

  async reinviteUser(ref: UserRef): Promise<void> {
    await this.#client.reinviteUser(await this.#userName(ref));
  }

  async resetPassword(ref: UserRef): Promise<void> {
    await this.#client.resetPassword(await this.#userName(ref));
  }

  async requireMasterPasswordChange(ref: UserRef): Promise<void> {
    await this.#client.requireMasterPasswordChange(await this.#userName(ref));
  }

  async disableMultifactor(ref: UserRef): Promise<void> {
    await this.#client.disableMultifactor(await this.#userName(ref));
  }

  deactivateUser(ref: UserRef): Promise<User> {
    return deactivateUser({ client: this.#client, locator: this.#locator }, parseRef(ref));
  }

  async getSharedFolders(): Promise<GetSharedFolderDataResponse> {
    return (await this.#client.getSharedFolderData()).body;
  }

  async reporting(query: ReportingRequest): Promise<ReportingPage> {
    return toReportingPage((await this.#client.reporting(query)).body, this.#reportingTimeZone);
  }

  call(cmd: string, data?: unknown): Promise<LastPassSuccess> {
    return this.#client.call(cmd, data);
  }

  async #userName(ref: unknown): Promise<string> {
    return (await this.#locator.resolve(parseRef(ref))).record.username;
  }
}

function parseRef(ref: unknown): UserRef {
  return parseInput(UserRef, ref, { argument: 'ref', provider: PROVIDER_ID });
}
