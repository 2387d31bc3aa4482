import { MassChangeLimit, PluginId, TenantId } from '@provisionkit/core';
import { z } from 'zod';

/** A value read from the environment when the command runs: how secrets stay out of the file. */
export const EnvReference = z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/) });
export type EnvReference = z.infer<typeof EnvReference>;

/** Connection names: what `--connection` takes. */
export const ConnectionName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');

const ConfigValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    EnvReference,
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(ConfigValue),
    z.record(z.string(), ConfigValue),
  ]),
);

export const ConnectionEntry = z.strictObject({
  provider: PluginId,
  tenant: TenantId,
  /** The provider's connection config; any value may be `{ "env": "NAME" }`. */
  config: z.record(z.string(), ConfigValue),
  /** The mass-change guard of this connection (syncs and applies). */
  massChange: MassChangeLimit.optional(),
});
export type ConnectionEntry = z.infer<typeof ConnectionEntry>;

/** The configuration file (`provisionkit.json`). */
export const CliConfig = z.strictObject({
  version: z.literal(1).default(1),
  /** The SQLite state file, relative to the configuration file. */
  store: z.string().min(1).default('.provisionkit/state.db'),
  connections: z.record(ConnectionName, ConnectionEntry).default({}),
});
export type CliConfig = z.output<typeof CliConfig>;
