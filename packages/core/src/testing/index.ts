export { collectAll } from './collect-all.js';
export { collectListing, LISTING_CAP } from './collect-listing.js';
export type { ContractOptions } from './contract-options.js';
export { expectIssueAt, expectProvisioningError } from './expect-error.js';
export type { ProviderContractOptions } from './provider-contract.js';
export { findSecretLeaks } from './secret-leaks.js';
export type { StateStoreContractOptions } from './state/state-contract-kit.js';
export { describeStateStoreContract } from './state/state-store-contract.js';
export {
  CONTRACT_GROUPS,
  type ContractGroupName,
  describeBatchCreateContract,
  describeCancellationContract,
  describeChangesContract,
  describeCreateContract,
  describeCredentialsContract,
  describeGetContract,
  describeGroupsContract,
  describeInputErrorsContract,
  describeLifecycleContract,
  describeListContract,
  describeProviderContract,
  describeTraitsContract,
  describeUpdateContract,
  describeUserDirectoryContract,
} from './user-directory-contract.js';
