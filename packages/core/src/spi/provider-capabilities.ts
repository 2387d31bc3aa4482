import { z } from 'zod';
import { USER_PATCH_FIELDS } from '../model/user.js';
import { CreateField, ListFilter } from './capabilities.js';
import { UserNameFormat } from './user-name-format.js';
import { Verb } from './verbs.js';

const Size = z.number().int().positive();

/**
 * What a provider declares, once, on its plugin (`ProviderPlugin.capabilities`). Unknown keys are
 * refused, so a misspelt field fails instead of being ignored. Core checks the declaration for
 * consistency when the plugin is registered and derives what it can (see `resolveCapabilities`).
 */
export const ProviderCapabilities = z.strictObject({
  /** The verbs the directory implements. Core derives `createUsers` from `createUser` and back. */
  verbs: z.array(Verb).min(1),
  /** Largest batch the provider's own `createUsers` sends in one request; only with `createUsers`. */
  maxBatchSize: Size.optional(),
  /** Largest `pageSize` accepted by `listUsers`. */
  maxPageSize: Size,
  /** The page size of a listing whose caller gives none; at most `maxPageSize`. */
  defaultPageSize: Size,
  /** `listUsers` filters the provider applies itself. Default none: core filters the stream. */
  listFilters: z.array(ListFilter).default([]),
  /** `NewUser` fields a create stores (besides `userName`). Default none. */
  creatableFields: z.array(CreateField).default([]),
  /** `UserPatch` fields `updateUser` changes. Default none; required with `updateUser`. */
  updatableFields: z.array(z.enum(USER_PATCH_FIELDS)).default([]),
  /** Whether a new user may carry an initial `password`. Default false. */
  acceptsPassword: z.boolean().default(false),
  /** Whether new users start as `invited` (true) or `active`. Default false. */
  createsInvitedUsers: z.boolean().default(false),
  /** `email` when user names must be email addresses (core refuses others up front). Default `any`. */
  userNameFormat: UserNameFormat.default('any'),
  /**
   * True when the provider keeps one login email, always equal to the user name (LastPass): core
   * refuses a new user whose `email` differs from its `userName`, and a plan reports such a row
   * instead of changing `email`, which would rename the account. Default false.
   */
  emailIsUserName: z.boolean().default(false),
});
/** A declaration as a provider writes it (defaults not yet applied; `as const` arrays welcome). */
export type ProviderCapabilities = ReadonlyArrays<z.input<typeof ProviderCapabilities>>;

type ReadonlyArrays<T> = {
  readonly [K in keyof T]: T[K] extends readonly (infer E)[]
    ? readonly E[]
    : T[K] extends readonly (infer E)[] | undefined
      ? readonly E[] | undefined
      : T[K];
};

/** Fields a connection may refine from its config (`ProviderPlugin.refineCapabilities`); never `verbs`. */
export type CapabilityRefinement = Partial<Omit<ProviderCapabilities, 'verbs'>>;

/** The verbs of a declaration, as a type: `ProviderDirectory<DeclaredVerbs<typeof capabilities>>`. */
export type DeclaredVerbs<C extends { readonly verbs: readonly Verb[] }> = C['verbs'][number];

/**
 * Identity helper that keeps the declared verbs as a literal type, so a directory typed
 * `ProviderDirectory<DeclaredVerbs<typeof capabilities>>` must implement each of them.
 */
export function defineCapabilities<const V extends Verb>(
  capabilities: ProviderCapabilities & { readonly verbs: readonly V[] },
): ProviderCapabilities & { readonly verbs: readonly V[] } {
  return capabilities;
}
