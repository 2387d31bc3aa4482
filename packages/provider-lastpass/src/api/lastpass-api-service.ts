import { parseInput, type User, UserRef } from '@provisionkit/core';
import { inject, injectable } from 'inversify';
import {
  type GetSharedFolderDataResponse,
  type LastPassClient,
  type LastPassSuccess,
  PROVIDER_ID,
  type ReportingRequest,
  type ReportingResponse,
} from '../client/index.js';
import { LastPassConnectionClient } from '../directory/connection-client.js';
import { deactivateUser } from '../directory/lifecycle.js';
import { UserLocator } from '../directory/user-locator.js';
import type { LastPassApi } from './lastpass-api.js';

/** `LastPassApi` over the connection's client; refs are resolved like the directory's. */
@injectable()
export class LastPassApiService implements LastPassApi {
  readonly #client: LastPassClient;
  readonly #locator: UserLocator;

  constructor(
    @inject(LastPassConnectionClient) client: LastPassClient,
    @inject(UserLocator) locator: UserLocator,
  ) {
    this.#client = client;
    this.#locator = locator;
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

  async reporting(query: ReportingRequest): Promise<ReportingResponse> {
    return (await this.#client.reporting(query)).body;
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
