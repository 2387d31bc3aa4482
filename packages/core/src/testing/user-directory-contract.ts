import { describe } from 'vitest';
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

type Group = (kit: ContractKit) => void;

/** The table of contents: every group, in the order the suite runs them. */
const GROUPS: readonly Group[] = [
  listContract,
  changesContract,
  getContract,
  createContract,
  batchCreateContract,
  updateContract,
  lifecycleContract,
  groupsContract,
  credentialsContract,
  inputErrorsContract,
  cancellationContract,
  traitsContract,
];

/**
 * The whole `UserDirectory` contract: every group below, then the suite-wide traits (no secret in any
 * error the suite provoked, every returned user a valid `User`). Call it at the top level of a test
 * file; `factory()` must return a fresh, isolated directory for each test.
 */
export function describeUserDirectoryContract(options: ContractOptions): void {
  describeGroups(options, GROUPS);
}

function describeGroups(options: ContractOptions, groups: readonly Group[]): void {
  describe(`UserDirectory contract: ${options.name}`, () => {
    const kit = createKit(options);
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
