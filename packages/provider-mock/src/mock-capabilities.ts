import {
  type Capabilities,
  CREATE_FIELDS,
  OPTIONAL_VERBS,
  USER_PATCH_FIELDS,
  type UserNameFormat,
  VERBS,
} from '@provisionkit/core';

export const MOCK_DEFAULT_MAX_BATCH_SIZE = 100;
export const MOCK_MAX_PAGE_SIZE = 1000;
export const MOCK_DEFAULT_PAGE_SIZE = 50;

/**
 * The mock declares everything, so the whole contract suite and every engine path can run against it.
 * The plugin declares the defaults; a connection's config refines `createsInvitedUsers`,
 * `maxBatchSize`, `userNameFormat` and `emailIsUserName` (`mockCapabilities(config)`).
 */
export function mockCapabilities(
  options: {
    readonly createsInvitedUsers?: boolean | undefined;
    readonly maxBatchSize?: number | undefined;
    readonly userNameFormat?: UserNameFormat | undefined;
    readonly emailIsUserName?: boolean | undefined;
  } = {},
): Capabilities {
  return {
    verbs: [...VERBS, ...OPTIONAL_VERBS],
    maxBatchSize: options.maxBatchSize ?? MOCK_DEFAULT_MAX_BATCH_SIZE,
    maxPageSize: MOCK_MAX_PAGE_SIZE,
    defaultPageSize: MOCK_DEFAULT_PAGE_SIZE,
    listFilters: ['status', 'group'],
    creatableFields: [...CREATE_FIELDS],
    updatableFields: [...USER_PATCH_FIELDS],
    acceptsPassword: true,
    createsInvitedUsers: options.createsInvitedUsers ?? false,
    userNameFormat: options.userNameFormat ?? 'any',
    emailIsUserName: options.emailIsUserName ?? false,
  };
}
