import { z } from 'zod';
import { InvalidInputError } from '../errors/error-classes.js';
import { parseInput } from '../errors/from-zod.js';
import type { StateStore } from '../state/state-store.js';
import { SyncSettings } from '../sync/sync-options.js';
import { TelemetryOptions } from '../telemetry/telemetry.js';
import type { Logger } from './logger.js';
import { type PluginRegistration, registerPlugin } from './plugin-registration.js';
import type { ConnectionOperationEvent, ProvisionKitOptions } from './provision-kit.js';

const isFunction = (value: unknown) => typeof value === 'function';
const isZodSchema = (value: unknown) =>
  isFunction((value as { safeParseAsync?: unknown } | null)?.safeParseAsync);

/** Plugin ids end up in connection ids (`<provider>:<tenant>:<n>`) and log lines. */
export const PluginId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, ".", "_" or "-"')
  .max(64);

/** A tenant id: 1-128 characters of `A-Z a-z 0-9 . _ : -`. */
export const TenantId = z
  .string()
  .min(1, { message: 'must not be empty', abort: true })
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'must only contain letters, digits, ".", "_", ":" or "-"');

const optionalFunction = z.custom<() => unknown>(isFunction, 'must be a function').optional();

// Capabilities are checked (and resolved) by `registerPlugin`, which names the inconsistent fields.
const PluginShape = z
  .object({
    id: PluginId,
    displayName: z.string().min(1),
    configSchema: z.custom<z.ZodType>(isZodSchema, 'must be a zod schema'),
    capabilities: z.unknown(),
    refineCapabilities: optionalFunction,
    createDirectory: optionalFunction,
    createModule: optionalFunction,
  })
  .refine((plugin) => plugin.createDirectory !== undefined || plugin.createModule !== undefined, {
    message: 'needs createDirectory or createModule',
    path: ['createDirectory'],
  });

const OptionsShape = z.object({
  plugins: z.array(PluginShape),
  logger: z.custom<Logger>((value) => isFunction((value as { child?: unknown } | null)?.child)).optional(),
  onOperation: z
    .custom<(event: ConnectionOperationEvent) => void>(isFunction, 'must be a function')
    .optional(),
  store: z
    .custom<StateStore>(
      (value) => isFunction((value as { beginSyncRun?: unknown } | null)?.beginSyncRun),
      'must be a StateStore',
    )
    .optional(),
  eventRetentionDays: z.number().positive().max(36_500).optional(),
  telemetry: TelemetryOptions.optional(),
});

const ConnectShape = z.object({
  provider: z.string().min(1),
  tenant: TenantId,
  config: z.unknown(),
  sync: SyncSettings.optional(),
});

/**
 * Validates the kit's options. Plugins are checked but the host's objects are kept (zod would copy
 * them and lose their prototypes).
 */
export function parseKitOptions(
  options: unknown,
): Omit<ProvisionKitOptions, 'plugins'> & { readonly plugins: readonly PluginRegistration[] } {
  const parsed = parseInput(OptionsShape, options, { argument: '', what: 'createProvisionKit options' });
  const raw = options as ProvisionKitOptions;
  const seen = new Map<string, number>();
  parsed.plugins.forEach((plugin, index) => {
    const first = seen.get(plugin.id);
    if (first !== undefined) {
      const path = `plugins.${index}.id`;
      throw new InvalidInputError(
        `Invalid createProvisionKit options: ${path} duplicates plugins.${first}.id`,
        [{ path, message: `duplicates plugins.${first}.id` }],
      );
    }
    seen.set(plugin.id, index);
  });
  return {
    plugins: raw.plugins.map((plugin, index) => registerPlugin(plugin, `plugins.${index}`)),
    logger: parsed.logger,
    onOperation: parsed.onOperation,
    telemetry: parsed.telemetry,
    store: raw.store,
    eventRetentionDays: parsed.eventRetentionDays,
  };
}

export function parseConnectInput(input: unknown): z.output<typeof ConnectShape> {
  return parseInput(ConnectShape, input, { argument: '', what: 'connect input' });
}

export function findPlugin(plugins: readonly PluginRegistration[], id: string): PluginRegistration {
  const registration = plugins.find((candidate) => candidate.plugin.id === id);
  if (registration !== undefined) return registration;
  const known = plugins.map((candidate) => candidate.plugin.id).join(', ') || '(none)';
  throw new InvalidInputError(`Unknown provider; known providers: ${known}`, [
    { path: 'provider', message: `must be one of: ${known}` },
  ]);
}
