import { afterAll, beforeAll, describe } from 'vitest';
import type { z } from 'zod';
import { type ContractKit, createKit } from './contract-kit.js';
import type { ContractOptions } from './contract-options.js';
import { batchCreateContract } from './groups/batch-create-contract.js';
import { cancellationContract } from './groups/cancellation-contract.js';
import { changesContract } from './groups/changes-contract.js';
import { createContract } from './groups/create-contract.js';
import { credentialsContract } from './groups/credentials-contract.js';
import { getContract } from './groups/get-contract.js';
import { groupsContract } from './groups/groups-contract.js';
import { inputErrorsContract } from './groups/input-errors-contract.js';
import { lifecycleContract } from './groups/lifecycle-contract.js';
import { listContract } from './groups/list-contract.js';
import { suiteWideTraits } from './groups/suite-wide-traits.js';
import { traitsContract } from './groups/traits-contract.js';
import { updateContract } from './groups/update-contract.js';
import type { ContractRecorder } from './observe-directory.js';
import { type ProviderContractOptions, providerContractOptions } from './provider-contract.js';

type Group = (kit: ContractKit) => void;

/** The table of contents: every group by name, in the order the suite runs them. */
const GROUPS_BY_NAME = {
  list: listContract,
  changes: changesContract,
  get: getContract,
  create: createContract,
  batchCreate: batchCreateContract,
  update: updateContract,
  lifecycle: lifecycleContract,
  groups: groupsContract,
  credentials: credentialsContract,
  inputErrors: inputErrorsContract,
  cancellation: cancellationContract,
  traits: traitsContract,
} as const satisfies Record<string, Group>;

/** A group of the contract, as `describeProviderContract({ only })` names it. */
export type ContractGroupName = keyof typeof GROUPS_BY_NAME;
export const CONTRACT_GROUPS = Object.keys(GROUPS_BY_NAME) as readonly ContractGroupName[];
const GROUPS: readonly Group[] = Object.values(GROUPS_BY_NAME);

/**
 * The whole `UserDirectory` contract: every group below, then the suite-wide traits (no secret in any
 * error the suite provoked, every returned user a valid `User`). Call it at the top level of a test
 * file; `factory()` must return a fresh, isolated directory for each test.
 */
export function describeUserDirectoryContract(options: ContractOptions): void {
  describeGroups(options, GROUPS);
}

/**
 * A provider's whole contract test: `describeProviderContract({ plugin, sandbox })`. The kit starts
 * the sandbox, opens a connection per test through `createProvisionKit().connect()` (what hosts
 * hold), watches every error, user and log line for the configs' secrets, checks wrong credentials
 * when the sandbox can make them, and closes and releases everything. `only` runs some groups, for
 * building a provider one verb at a time.
 */
export function describeProviderContract<S extends z.ZodType>(
  options: ProviderContractOptions<S> & { readonly only?: readonly ContractGroupName[] | undefined },
): void {
  const { recorder, ...contract } = providerContractOptions(options);
  const groups = options.only === undefined ? GROUPS : options.only.map((name) => GROUPS_BY_NAME[name]);
  describeGroups(contract, groups, recorder);
}

function describeGroups(
  options: ContractOptions,
  groups: readonly Group[],
  recorder?: ContractRecorder,
): void {
  describe(`UserDirectory contract: ${options.name}`, () => {
    const { setup, cleanup } = options;
    if (setup !== undefined) beforeAll(setup, options.timeoutMs);
    if (cleanup !== undefined) afterAll(cleanup, options.timeoutMs);
    const kit = createKit(options, recorder);
    for (const group of groups) group(kit);
    suiteWideTraits(kit);
  });
}

/** `listUsers`: paging at page boundaries, each user once, termination, filters, laziness. */
export function describeListContract(options: ContractOptions): void {
  describeGroups(options, [listContract]);
}

/** `listUsersChangedSince` (optional verb): users created or changed since an instant. */
export function describeChangesContract(options: ContractOptions): void {
  describeGroups(options, [changesContract]);
}

/** `getUser`: by id, by userName, case-insensitively; not_found. */
export function describeGetContract(options: ContractOptions): void {
  describeGroups(options, [getContract]);
}

/** `createUser`: fields, initial status, duplicates (any case), passwords, groups. */
export function describeCreateContract(options: ContractOptions): void {
  describeGroups(options, [createContract]);
}

/** `createUsers`: per-item results by index for valid, invalid and duplicate items. */
export function describeBatchCreateContract(options: ContractOptions): void {
  describeGroups(options, [batchCreateContract]);
}

/** `updateUser`: each declared field, renames and their conflicts. */
export function describeUpdateContract(options: ContractOptions): void {
  describeGroups(options, [updateContract]);
}

/** suspend, reactivate, remove, purge, cancelInvitation. */
export function describeLifecycleContract(options: ContractOptions): void {
  describeGroups(options, [lifecycleContract]);
}

/** `addToGroups`, `removeFromGroups`, `listGroups`. */
export function describeGroupsContract(options: ContractOptions): void {
  describeGroups(options, [groupsContract]);
}

/** `verifyCredentials`, and invalid credentials when a factory for them is given. */
export function describeCredentialsContract(options: ContractOptions): void {
  describeGroups(options, [credentialsContract]);
}

/** Wrong shapes for every verb give `invalid_input` naming the field. */
export function describeInputErrorsContract(options: ContractOptions): void {
  describeGroups(options, [inputErrorsContract]);
}

/** An already aborted signal on every verb, aborts during a listing, closing the connection. */
export function describeCancellationContract(options: ContractOptions): void {
  describeGroups(options, [cancellationContract]);
}

/** Traits of every operation: not_found for unknown users, valid users, no secrets, unsupported verbs. */
export function describeTraitsContract(options: ContractOptions): void {
  describeGroups(options, [traitsContract]);
}
