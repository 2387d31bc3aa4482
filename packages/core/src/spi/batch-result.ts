import type { ProvisioningError } from '../errors/provisioning-error.js';
import type { User } from '../model/user.js';

/** Outcome of one item of a batch; `index` is its position in the input. */
export type BatchItemResult =
  | { readonly index: number; readonly userName: string; readonly ok: true; readonly user: User }
  | {
      readonly index: number;
      readonly userName: string;
      readonly ok: false;
      readonly error: ProvisioningError;
    };

/** Per-item outcome of `createUsers`: every input item appears exactly once, in input order. */
export interface BatchResult {
  readonly items: readonly BatchItemResult[];
  readonly succeeded: number;
  readonly failed: number;
}

export function batchResult(items: readonly BatchItemResult[]): BatchResult {
  const sorted = [...items].sort((a, b) => a.index - b.index);
  const succeeded = sorted.filter((item) => item.ok).length;
  return { items: sorted, succeeded, failed: sorted.length - succeeded };
}
