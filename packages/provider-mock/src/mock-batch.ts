import {
  type BatchItemResult,
  type BatchResult,
  batchResult,
  invalidInputFromZod,
  NewUser,
  ProvisioningError,
  type User,
} from '@provisionkit/core';
import type { z } from 'zod';

export interface BatchSteps {
  readonly provider: string;
  /** The injected failure of this item, if a fault rule selects it. */
  itemError(item: z.output<typeof NewUser>, index: number): ProvisioningError | undefined;
  /**
   * Creates the user; throws `ConflictError` when its name is taken (also by an earlier item),
   * `InvalidInputError` when the configured `userNameFormat` cannot hold it.
   */
  insert(item: z.output<typeof NewUser>, index: number): User;
}

/**
 * Creates items one by one, in order, so a later duplicate of an earlier item fails with `conflict`.
 * Item failures become results; only errors that are not provisioning errors escape.
 */
export function createBatch(items: readonly unknown[], steps: BatchSteps): BatchResult {
  const results = items.map((raw, index): BatchItemResult => {
    const parsed = NewUser.safeParse(raw);
    if (!parsed.success) {
      const error = invalidInputFromZod(parsed.error, {
        argument: `batch.${index}`,
        provider: steps.provider,
      });
      return { index, userName: rawUserName(raw), ok: false, error };
    }
    const item = parsed.data;
    const injected = steps.itemError(item, index);
    if (injected !== undefined) return { index, userName: item.userName, ok: false, error: injected };
    try {
      return { index, userName: item.userName, ok: true, user: steps.insert(item, index) };
    } catch (error) {
      if (!ProvisioningError.is(error)) throw error;
      return { index, userName: item.userName, ok: false, error };
    }
  });
  return batchResult(results);
}

function rawUserName(raw: unknown): string {
  const userName =
    typeof raw === 'object' && raw !== null ? (raw as { userName?: unknown }).userName : undefined;
  return typeof userName === 'string' ? userName : '';
}
