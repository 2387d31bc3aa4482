import { z } from 'zod';
import { InvalidInputError, UnavailableError, UnsupportedOperationError } from '../errors/error-classes.js';
import { parseInput } from '../errors/from-zod.js';
import { GroupName } from '../model/primitives.js';
import { NewUser, UserPatch, UserRef } from '../model/user.js';
import { type Capabilities, supports } from '../spi/capabilities.js';
import { ListChangesOptions, ListUsersOptions } from '../spi/list-options.js';
import { OperationOptions } from '../spi/operation-options.js';
import { oneLoginEmailIssue, userNameFormatIssue } from '../spi/user-name-format.js';
import type { Verb } from '../spi/verbs.js';
import { applyCreateFieldPolicy } from './field-policy.js';
import { readNewUserFast } from './new-user-fast-check.js';

/** What input validation needs to know about the directory it guards. */
export interface InputContext {
  readonly provider: string;
  readonly capabilities: Capabilities;
}

const GroupNames = z.array(GroupName).min(1, 'must name at least one group');

/** Raised before any input is read, so an undeclared verb never reaches the provider. */
export function ensureSupported(context: InputContext, operation: Verb): void {
  if (supports(context.capabilities, operation)) return;
  throw new UnsupportedOperationError(`${context.provider} does not support ${operation}`, {
    provider: context.provider,
    details: { operation },
  });
}

/** A directory whose lifetime ended (its connection was closed) refuses new calls before any I/O. */
export function ensureOpen(context: InputContext & { readonly lifetime?: AbortSignal | undefined }): void {
  if (context.lifetime?.aborted !== true) return;
  throw new UnavailableError(`The ${context.provider} connection is closed`, {
    provider: context.provider,
    retryable: false,
  });
}

export function parseOperationOptions(context: InputContext, value: unknown): OperationOptions | undefined {
  return parseInput(OperationOptions, value, { argument: 'options', provider: context.provider });
}

export function parseRef(context: InputContext, value: unknown): UserRef {
  return parseInput(UserRef, value, { argument: 'ref', provider: context.provider });
}

export function parseGroups(context: InputContext, value: unknown): string[] {
  return parseInput(GroupNames, value, { argument: 'groups', provider: context.provider });
}

/**
 * `argument` is `input` for `createUser` and `batch.<i>` for an item of `createUsers`. A user name
 * the provider's `userNameFormat` cannot hold is refused here, so the provider is never asked. The
 * fields the provider does not store are refused or removed by `applyCreateFieldPolicy`.
 */
export function parseNewUser(
  context: InputContext,
  value: unknown,
  argument: string,
): z.output<typeof NewUser> {
  const user = readNewUserFast(value) ?? parseInput(NewUser, value, { argument, provider: context.provider });
  ensureUserNameFormat(context, user.userName, `${argument}.userName`);
  if (user.email !== undefined) ensureOneLoginEmail(context, user.userName, user.email, `${argument}.email`);
  return applyCreateFieldPolicy(context, user, argument);
}

export function parsePatch(context: InputContext, value: unknown): z.output<typeof UserPatch> {
  const patch = parseInput(UserPatch, value, { argument: 'patch', provider: context.provider });
  if (patch.userName !== undefined) ensureUserNameFormat(context, patch.userName, 'patch.userName');
  if (patch.userName !== undefined && patch.email !== undefined)
    ensureOneLoginEmail(context, patch.userName, patch.email, 'patch.email');
  const unsupported = Object.entries(patch)
    .filter(([field, fieldValue]) => fieldValue !== undefined && !isUpdatable(context, field))
    .map(([field]) => `patch.${field}`);
  if (unsupported.length > 0) {
    throw new UnsupportedOperationError(`${context.provider} cannot update ${unsupported.join(', ')}`, {
      provider: context.provider,
      details: { fields: unsupported },
    });
  }
  return patch;
}

export function parseListOptions(context: InputContext, value: unknown): ListUsersOptions {
  const options =
    parseInput(ListUsersOptions, value, { argument: 'options', provider: context.provider }) ?? {};
  ensurePageSize(context, options.pageSize);
  return options;
}

export function parseChangesOptions(context: InputContext, value: unknown): ListChangesOptions {
  const options = parseInput(ListChangesOptions, value, { argument: 'options', provider: context.provider });
  ensurePageSize(context, options.pageSize);
  return options;
}

/** `invalid_input` naming `path` when the provider's `userNameFormat` cannot hold `userName`. */
function ensureUserNameFormat(context: InputContext, userName: string, path: string): void {
  const { provider, capabilities } = context;
  const message = userNameFormatIssue(capabilities.userNameFormat, userName, provider);
  if (message === undefined) return;
  throw new InvalidInputError(`Invalid user: ${path} ${message}`, [{ path, message }], { provider });
}

/**
 * `invalid_input` naming `path` when the provider keeps one login email (`emailIsUserName`) and
 * `email` is not `userName` (letter case aside): storing it would rename the account.
 */
function ensureOneLoginEmail(context: InputContext, userName: string, email: string, path: string): void {
  const message = oneLoginEmailIssue(context.capabilities, userName, email, context.provider);
  if (message === undefined) return;
  throw new InvalidInputError(`Invalid user: ${path} ${message}`, [{ path, message }], {
    provider: context.provider,
  });
}

function ensurePageSize(context: InputContext, pageSize: number | undefined): void {
  const max = context.capabilities.maxPageSize;
  if (pageSize === undefined || pageSize <= max) return;
  throw new InvalidInputError(
    `Invalid options: options.pageSize must be at most ${max}`,
    [{ path: 'options.pageSize', message: `must be at most ${max}` }],
    { provider: context.provider },
  );
}

/** A non-array batch cannot be split into per-item results, so it fails as a whole. */
export function ensureBatchArray(context: InputContext, value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new InvalidInputError(
    'Invalid batch: batch must be an array',
    [{ path: 'batch', message: 'must be an array' }],
    {
      provider: context.provider,
    },
  );
}

function isUpdatable(context: InputContext, field: string): boolean {
  return (context.capabilities.updatableFields as readonly string[]).includes(field);
}
