import { z } from 'zod';
import { PluginId, TenantId } from '../composition/kit-options.js';

/**
 * What the state store files everything under. A connection's `connectionId` changes with every
 * `connect()` and every process; the customer and the provider do not, so they are the key.
 */
export const ConnectionKey = z.strictObject({ tenant: TenantId, provider: PluginId });
export type ConnectionKey = z.infer<typeof ConnectionKey>;

/** `tenant/provider`, for log lines and messages (tenant ids cannot contain `/`). */
export function describeKey(key: ConnectionKey): string {
  return `${key.tenant}/${key.provider}`;
}

/** The connection an event draft belongs to (its `tenant` and `provider`). */
export function keyOfDraft(draft: { readonly tenant: string; readonly provider: string }): ConnectionKey {
  return { tenant: draft.tenant, provider: draft.provider };
}
