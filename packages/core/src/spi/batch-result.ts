import { argumentError, requireArray } from '../errors/argument-error.js';
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

/**
 * Sorts item results by index and counts them. Items that are not `{ index, ok }` (a hole of a
 * sparse array included) are refused with `invalid_input`.
 */
export function batchResult(items: readonly BatchItemResult[]): BatchResult {
  const list = requireArray('batchResult', 'items', items);
  for (let position = 0; position < list.length; position += 1) {
    const item = list[position] as { index?: unknown; ok?: unknown } | null | undefined;
    if (
      typeof item !== 'object' ||
      item === null ||
      !Number.isSafeInteger(item.index) ||
      typeof item.ok !== 'boolean'
    ) {
      throw argumentError('batchResult', `items.${position}`, 'must be an item result { index, ok, ... }');
    }
  }
  const results = list as readonly BatchItemResult[];
  // Providers usually settle items in input order: a copy then needs no sort (a comparator sort of
  // a 10,000-item batch was a measurable share of a bulk create's own time).
  const sorted = isSortedByIndex(results) ? results.slice() : [...results].sort((a, b) => a.index - b.index);
  let succeeded = 0;
  for (const item of sorted) if (item.ok) succeeded += 1;
  return { items: sorted, succeeded, failed: sorted.length - succeeded };
}

function isSortedByIndex(items: readonly BatchItemResult[]): boolean {
  for (let position = 1; position < items.length; position += 1) {
    if (items[position - 1]!.index > items[position]!.index) return false;
  }
  return true;
}
