import { type InputIssue, InvalidInputError } from '../errors/error-classes.js';
import { issuePath, parseInput } from '../errors/from-zod.js';
import type { Capabilities } from './capabilities.js';
import { type CapabilityRefinement, ProviderCapabilities } from './provider-capabilities.js';
import { OPTIONAL_VERBS, VERBS, type Verb } from './verbs.js';

/**
 * Verbs core can supply from another one the provider implements. `listUsersChangedSince` is never
 * derived: a full listing would answer it, but a sync asks for it to avoid one, so a provider
 * without it is refused (`unsupported_operation`) and the sync runs a full comparison instead.
 */
export const DERIVED_VERBS: Readonly<Partial<Record<Verb, Verb>>> = {
  // One user at a time, a few in parallel, each item its own result.
  createUsers: 'createUser',
  // A batch of one.
  createUser: 'createUsers',
};

/** Every verb in a stable order: the resolved list does not depend on the declaration's order. */
const ALL_VERBS: readonly Verb[] = [...VERBS, ...OPTIONAL_VERBS];

/** `maxBatchSize` of a derived `createUsers`: each provider call creates one user. */
const DERIVED_BATCH_SIZE = 1;

export interface ResolveCapabilitiesOptions {
  /** Prefix of the issue paths (`plugins.0.capabilities`); default `capabilities`. */
  readonly path?: string | undefined;
  readonly provider?: string | undefined;
  /** A connection's refinement, applied over the declaration before the checks. */
  readonly refinement?: CapabilityRefinement | undefined;
}

/**
 * The capabilities hosts see, from a provider's declaration: defaults applied, checked for
 * consistency (`InvalidInputError` naming each field that disagrees), derived verbs added
 * (`createUsers` from `createUser`, `createUser` from `createUsers`).
 */
export function resolveCapabilities(
  declared: ProviderCapabilities,
  options: ResolveCapabilitiesOptions = {},
): Capabilities {
  const prefix = typeof options?.path === 'string' ? options.path : 'capabilities';
  const provider = typeof options?.provider === 'string' ? options.provider : undefined;
  const merged =
    options?.refinement === undefined || typeof declared !== 'object' || declared === null
      ? declared
      : { ...declared, ...withoutUndefined(options.refinement) };
  const parsed = parseInput(ProviderCapabilities, merged, { argument: prefix, provider, what: prefix });
  const issues = inconsistencies(parsed).map(
    ([field, message]): InputIssue => ({ path: issuePath(prefix, field.split('.')), message }),
  );
  if (issues.length > 0) {
    const [first] = issues;
    throw new InvalidInputError(`Inconsistent ${prefix}: ${first!.path} ${first!.message}`, issues, {
      provider,
    });
  }
  const declaredVerbs = new Set<Verb>(parsed.verbs);
  const verbs = ALL_VERBS.filter((verb) => declaredVerbs.has(verb) || isDerived(verb, declaredVerbs));
  return {
    verbs,
    maxBatchSize: parsed.maxBatchSize ?? DERIVED_BATCH_SIZE,
    maxPageSize: parsed.maxPageSize,
    defaultPageSize: parsed.defaultPageSize,
    listFilters: parsed.listFilters,
    creatableFields: parsed.creatableFields,
    updatableFields: parsed.updatableFields,
    acceptsPassword: parsed.acceptsPassword,
    createsInvitedUsers: parsed.createsInvitedUsers,
    userNameFormat: parsed.userNameFormat,
    emailIsUserName: parsed.emailIsUserName,
  };
}

/** Whether core supplies `verb` for a provider implementing `declared`. */
export function isDerived(verb: Verb, declared: ReadonlySet<Verb>): boolean {
  const source = DERIVED_VERBS[verb];
  return !declared.has(verb) && source !== undefined && declared.has(source);
}

type Parsed = ReturnType<typeof ProviderCapabilities.parse>;

/** `[field, message]` for each part of the declaration that contradicts another. */
function inconsistencies(caps: Parsed): [string, string][] {
  const found: [string, string][] = [];
  const has = (verb: Verb) => caps.verbs.includes(verb);
  const creates = has('createUser') || has('createUsers');
  for (const field of ['verbs', 'listFilters', 'creatableFields', 'updatableFields'] as const) {
    const values: readonly string[] = caps[field];
    const twice = values.find((value, index) => values.indexOf(value) !== index);
    if (twice !== undefined) found.push([field, `lists ${twice} twice`]);
  }
  if (caps.defaultPageSize > caps.maxPageSize) {
    found.push(['defaultPageSize', `must be at most maxPageSize (${caps.maxPageSize})`]);
  }
  if (has('createUsers') && caps.maxBatchSize === undefined) {
    found.push(['maxBatchSize', 'is required with createUsers (the largest batch one request takes)']);
  }
  if (!has('createUsers') && caps.maxBatchSize !== undefined) {
    found.push([
      'maxBatchSize',
      'applies only to a declared createUsers; without one, core creates users one at a time',
    ]);
  }
  if (has('updateUser') && caps.updatableFields.length === 0) {
    found.push(['updatableFields', 'must name at least one field when updateUser is declared']);
  }
  if (!has('updateUser') && caps.updatableFields.length > 0) {
    found.push(['updatableFields', 'applies only when updateUser is declared']);
  }
  if (has('listUsersChangedSince') && !has('listUsers')) {
    found.push([
      'verbs',
      'declares listUsersChangedSince without listUsers (only a full listing shows deletions)',
    ]);
  }
  if (!has('listUsers') && caps.listFilters.length > 0) {
    found.push(['listFilters', 'applies only when listUsers is declared']);
  }
  if (!creates && caps.creatableFields.length > 0) {
    found.push(['creatableFields', 'applies only when createUser or createUsers is declared']);
  }
  if (!creates && caps.acceptsPassword) {
    found.push(['acceptsPassword', 'applies only when createUser or createUsers is declared']);
  }
  if (!creates && !caps.updatableFields.includes('userName') && caps.userNameFormat !== 'any') {
    found.push([
      'userNameFormat',
      'applies only when users are created (createUser, createUsers) or renamed (updatableFields userName)',
    ]);
  }
  return found;
}

/** The refinement's fields that say something; `verbs` is never refined per connection. */
function withoutUndefined(value: object): object {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter(([key, entry]) => entry !== undefined && key !== 'verbs'),
  );
}
