import type { FieldChange } from '../events/field-changes.js';
import type { StoredUser } from './stored-user.js';

/**
 * A change a sync run found, kept in the store until the run commits (or is discarded with it).
 * `baseHash` is the snapshot hash the run compared against (`null`: the user was not in the
 * snapshot); a change applies only while the snapshot row still has it, so a write made through
 * the framework during the run is never overwritten by what the run saw before it.
 */
export type StagedChange =
  | { readonly kind: 'created'; readonly userId: string; readonly baseHash: null; readonly after: StoredUser }
  | {
      readonly kind: 'updated';
      readonly userId: string;
      readonly baseHash: string;
      readonly after: StoredUser;
      readonly changes: readonly FieldChange[];
      /** The update suspends the user (counts towards the mass-change guard). */
      readonly suspends: boolean;
    }
  | { readonly kind: 'deleted'; readonly userId: string; readonly baseHash: string };

/** A staged change as listed for review, with its position in the run. */
export type ListedChange = StagedChange & { readonly index: number };
