import { z } from 'zod';

/** Every operation of the `UserDirectory` SPI. A provider declares the subset it supports. */
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

export const Verb = z.enum(VERBS);
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
