// Core's reading of `Retry-After` (finite, whole, at most an hour), kept under the names this
// package has always exported.
export { MAX_RETRY_AFTER_MS, parseRetryAfter } from '@provisionkit/core';
// The retry policy is core's HTTP toolkit's, under the names this package has always exported.
export {
  DEFAULT_RETRY_POLICY,
  RetryableCode,
  RetryPolicy,
  type RetryPolicyInput,
} from '@provisionkit/core/http';
export { assertBatchSize } from './batch-limit.js';
export type { CallOptions, LastPassSettlement, RequestOptions, WriteOptions } from './call-options.js';
export {
  DEFAULT_BASE_URL,
  isLoopbackHost,
  LastPassClientConfig,
  type LastPassClientConfigInput,
  LastPassLimits,
  MAX_BATCH_SIZE,
  MAX_PAGE_SIZE,
  parseLastPassClientConfig,
} from './client-config.js';
export { BATCH_ADD } from './commands/batch-add.js';
export { BatchAddRequest, BatchAddUser } from './commands/batch-add-request.js';
export {
  BATCH_CHANGE_GROUPS,
  BatchChangeGroupsRequest,
  GroupChange,
} from './commands/batch-change-groups.js';
export { COMMAND_IDEMPOTENCY, COMMANDS, isIdempotentCommand } from './commands/command-catalogue.js';
export { type CommandSpec, defineCommand } from './commands/command-spec.js';
export { DELETE_ACTION, DELETE_USER, DeleteAction, DeleteUserRequest } from './commands/delete-user.js';
export {
  EXPIRED_MASTER_PASSWORD_LIST,
  ExpiredMasterPasswordListRequest,
  ExpiredMasterPasswordListResponse,
} from './commands/expired-master-pw-list.js';
export {
  GET_SHARED_FOLDER_DATA,
  GetSharedFolderDataRequest,
  GetSharedFolderDataResponse,
} from './commands/get-sf-data.js';
export {
  GET_USER_DATA,
  GetUserDataRequest,
  GetUserDataResponse,
  type LastPassUser,
} from './commands/get-user-data.js';
export { REPORTING, ReportingRequest, ReportingResponse } from './commands/reporting.js';
export {
  DISABLE_USERS,
  DisableUsersResponse,
  ENABLE_USERS,
  EnableUsersResponse,
  type ToggleUsersResponse,
  UserNameList,
} from './commands/toggle-users.js';
export { UPDATE_EMAIL, UpdateEmailRequest } from './commands/update-email.js';
export { UPDATE_USER, UpdateUserRequest } from './commands/update-user.js';
export {
  DISABLE_MULTIFACTOR,
  REINVITE_USER,
  REQUIRE_MASTER_PASSWORD_CHANGE,
  RESET_PASSWORD,
  UserNameRequest,
} from './commands/user-actions.js';
export { MAX_FULL_NAME_LENGTH, StatusResponse } from './commands/wire-values.js';
export {
  EXCERPT_MAX_CHARS,
  interpretResponse,
  type LastPassOutcome,
  type LastPassSuccess,
  PROVIDER_ID,
  type WireResponse,
} from './interpret-response.js';
export { LastPassClient, type LastPassClientOptions } from './lastpass-client.js';
export { lastPassReader, lastPassStatusError } from './lastpass-reader.js';
export { type LastPassResult, readResponse } from './read-response.js';
export {
  GONE_AFTER_AMBIGUOUS,
  READ_BACK_CONFIRMED,
  WireCaller,
  type WireCallerOptions,
} from './wire-caller.js';
