import { z } from 'zod';
import { defineCommand } from './command-spec.js';
import { NullableNumber } from './wire-values.js';

export const ExpiredMasterPasswordListRequest = z.strictObject({
  limit: z.number().int().min(1).max(500).optional(),
  continuation_token: z.string().min(1).optional(),
});
export type ExpiredMasterPasswordListRequest = z.input<typeof ExpiredMasterPasswordListRequest>;

const ExpiredItem = z.looseObject({
  user_id: z.union([z.number(), z.string()]).nullish(),
  user_name: z.string().nullish(),
  last_pw_change: z.string().nullish(),
});

/** `{"status":"Success","continuation":{"token","remaining_item_count"},"items":[...]}` */
export const ExpiredMasterPasswordListResponse = z
  .looseObject({
    continuation: z
      .looseObject({
        token: z.union([z.string(), z.number()]).nullish(),
        remaining_item_count: NullableNumber,
      })
      .nullish(),
    items: z.array(ExpiredItem).nullish(),
  })
  .transform(({ continuation, items }) => ({
    continuationToken:
      continuation?.token === undefined || continuation.token === null ? null : String(continuation.token),
    remaining: continuation?.remaining_item_count ?? null,
    items: items ?? [],
  }));
export type ExpiredMasterPasswordListResponse = z.output<typeof ExpiredMasterPasswordListResponse>;

export const EXPIRED_MASTER_PASSWORD_LIST = defineCommand({
  cmd: 'expiredmasterpwlist',
  idempotent: true,
  request: ExpiredMasterPasswordListRequest,
  response: ExpiredMasterPasswordListResponse,
});
