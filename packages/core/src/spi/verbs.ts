import { z } from 'zod';

/**
 * The operations every `UserDirectory` implements (a provider may still leave some undeclared and
 * reject them). A provider declares the subset it supports; `[...VERBS]` declares all of them.
 */
export const VERBS = [
  'listUsers',
  'getUser',
  'createUser',
  'createUsers',
  'updateUser',
  'suspendUser',
  'reactivateUser',
  'removeUser',
  'purgeUser',
  'cancelInvitation',
  'addToGroups',
  'removeFromGroups',
  'listGroups',
  'verifyCredentials',
] as const;

/**
 * Operations a provider may leave out of its class entirely: declaring one in `capabilities.verbs`
 * means implementing the optional method of the same name. `listUsersChangedSince` lists the users
 * changed since an instant (a sync uses it between full comparisons).
 */
export const OPTIONAL_VERBS = ['listUsersChangedSince'] as const;

export const Verb = z.enum([...VERBS, ...OPTIONAL_VERBS]);
export type Verb = z.infer<typeof Verb>;

/** Lifecycle verbs and whether their effect can be undone through the SPI. */
export const LIFECYCLE_VERBS = {
  suspendUser: {
    reversible: true,
    undoneBy: 'reactivateUser',
    effect: 'login blocked, data and membership kept',
  },
  reactivateUser: { reversible: true, undoneBy: 'suspendUser', effect: 'login allowed again' },
  removeUser: { reversible: false, effect: 'leaves the organisation; the account may survive elsewhere' },
  purgeUser: { reversible: false, effect: 'account and data deleted' },
  cancelInvitation: { reversible: false, effect: 'pending invitation withdrawn' },
} as const satisfies Readonly<Record<string, { reversible: boolean; undoneBy?: Verb; effect: string }>>;

export type LifecycleVerb = keyof typeof LIFECYCLE_VERBS;

/** Verbs that change provider state (the rest only read). */
export const WRITE_VERBS: ReadonlySet<Verb> = new Set<Verb>([
  'createUser',
  'createUsers',
  'updateUser',
  'suspendUser',
  'reactivateUser',
  'removeUser',
  'purgeUser',
  'cancelInvitation',
  'addToGroups',
  'removeFromGroups',
]);
