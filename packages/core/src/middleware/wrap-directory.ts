import { z } from 'zod';
import type { Logger } from '../composition/logger.js';
import { InvalidInputError } from '../errors/error-classes.js';
import { parseInput } from '../errors/from-zod.js';
import { normalizeSecrets } from '../redaction/redact-text.js';
import type { Capabilities } from '../spi/capabilities.js';
import type { ProviderCapabilities } from '../spi/provider-capabilities.js';
import type { ProviderDirectory } from '../spi/provider-directory.js';
import { resolveCapabilities } from '../spi/resolve-capabilities.js';
import type { UserDirectory } from '../spi/user-directory.js';
import type { Verb } from '../spi/verbs.js';
import { sourceOf, TelemetryOptions } from '../telemetry/telemetry.js';
import type { TelemetrySource } from '../telemetry/telemetry-source.js';
import { missingMethods } from './directory-methods.js';
import type { DirectoryWrite } from './directory-write.js';
import type { OperationEvent, WrapDirectoryOptions } from './operation-event.js';
import { isWrappedDirectory, WrappedDirectory, withLifetime } from './wrapped-directory.js';

const isFunction = (value: unknown) => typeof value === 'function';
const OptionsShape = z
  .object({
    logger: z.custom<Logger>((value) => isFunction((value as { child?: unknown } | null)?.child)).optional(),
    secrets: z.array(z.string()).optional(),
    onOperation: z.custom<(event: OperationEvent) => void>(isFunction, 'must be a function').optional(),
    onUserWrite: z
      .custom<(write: DirectoryWrite) => Promise<void>>(isFunction, 'must be a function')
      .optional(),
    signal: z.instanceof(AbortSignal).optional(),
    provider: z.string().min(1).optional(),
    capabilities: z.unknown().optional(),
    telemetry: TelemetryOptions.optional(),
    tenant: z.string().min(1).max(128).optional(),
  })
  .optional();
const ProviderId = z.string().min(1);

/** A directory as `wrapDirectory` takes it: a host's `UserDirectory`, or a provider's directory. */
export type WrappableDirectory =
  | UserDirectory
  | (ProviderDirectory & { readonly provider?: string; readonly capabilities?: ProviderCapabilities });

/**
 * Puts core's cross-cutting behaviour around a provider's directory: capability checks, input and
 * output validation, error typing and scrubbing, one log line and event per operation, cancellation,
 * and the verbs core derives. The provider id and capabilities come from `options` or, failing that,
 * from the directory's own `provider` and `capabilities`. A declared verb without a method fails
 * with `invalid_input` naming it. Idempotent: an already wrapped directory is returned unchanged,
 * or, given a `signal`, as a view that also ends with that signal.
 */
export function wrapDirectory(directory: WrappableDirectory, options?: WrapDirectoryOptions): UserDirectory {
  const parsed = parseInput(OptionsShape, options, { argument: 'options' }) ?? {};
  if (isWrappedDirectory(directory)) {
    return parsed.signal === undefined
      ? (directory as UserDirectory)
      : withLifetime(directory as UserDirectory, parsed.signal);
  }
  const own = (typeof directory === 'object' && directory !== null ? directory : {}) as {
    provider?: unknown;
    capabilities?: unknown;
  };
  const fromOptions = parsed.capabilities !== undefined;
  const provider = parseInput(ProviderId, parsed.provider ?? own.provider, {
    argument: parsed.provider === undefined ? 'directory.provider' : 'options.provider',
  });
  const declared = (fromOptions ? parsed.capabilities : own.capabilities) as ProviderCapabilities;
  const path = fromOptions ? 'options.capabilities' : 'directory.capabilities';
  const capabilities = resolveCapabilities(declared, { path, provider });
  const missing = missingMethods(directory, declared.verbs as readonly Verb[]);
  if (missing.length > 0) {
    const issues = missing.map((verb) => ({
      path: `directory.${verb}`,
      message: `is declared in ${path}.verbs but not implemented`,
    }));
    throw new InvalidInputError(`Invalid directory: ${issues[0]!.path} ${issues[0]!.message}`, issues, {
      provider,
    });
  }
  return wrapProviderDirectory(directory as ProviderDirectory, {
    provider,
    capabilities,
    secrets: parsed.secrets ?? [],
    logger: parsed.logger,
    onOperation: parsed.onOperation,
    onUserWrite: parsed.onUserWrite,
    lifetime: parsed.signal,
    telemetry: sourceOf(parsed.telemetry),
    tenant: parsed.tenant,
  });
}

/** What `wrapProviderDirectory` needs, already checked by its caller. */
export interface ProviderDirectorySetup {
  readonly provider: string;
  readonly capabilities: Capabilities;
  readonly secrets: readonly string[];
  readonly logger: Logger | undefined;
  readonly onOperation: ((event: OperationEvent) => void) | undefined;
  readonly onUserWrite?: ((write: DirectoryWrite) => Promise<void> | void) | undefined;
  readonly lifetime: AbortSignal | undefined;
  readonly telemetry: TelemetrySource;
  readonly tenant: string | undefined;
}

/** The wrapper around a directory whose declared verbs were checked (core's connections use it). */
export function wrapProviderDirectory(
  inner: ProviderDirectory,
  setup: ProviderDirectorySetup,
): UserDirectory {
  return new WrappedDirectory({
    inner,
    provider: setup.provider,
    capabilities: setup.capabilities,
    secrets: normalizeSecrets(setup.secrets),
    logger: setup.logger,
    onOperation: setup.onOperation,
    onUserWrite: setup.onUserWrite,
    lifetime: setup.lifetime,
    telemetry: setup.telemetry,
    tenant: setup.tenant,
  });
}
