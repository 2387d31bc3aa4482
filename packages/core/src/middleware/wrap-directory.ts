import { z } from 'zod';
import type { Logger } from '../composition/logger.js';
import { parseInput } from '../errors/from-zod.js';
import { normalizeSecrets } from '../redaction/redact-text.js';
import { Capabilities } from '../spi/capabilities.js';
import type { UserDirectory } from '../spi/user-directory.js';
import type { DirectoryWrite } from './directory-write.js';
import type { OperationEvent, WrapDirectoryOptions } from './operation-event.js';
import { isWrappedDirectory, WrappedDirectory, withLifetime } from './wrapped-directory.js';

const DirectoryShape = z.object({ provider: z.string().min(1), capabilities: Capabilities });
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
  })
  .optional();

/**
 * Puts core's cross-cutting behaviour around a provider's directory: capability checks, input and
 * output validation, error typing and scrubbing, one log line and event per operation, cancellation.
 * Idempotent: an already wrapped directory is returned unchanged, or, given a `signal`, as a view
 * that also ends with that signal.
 */
export function wrapDirectory(directory: UserDirectory, options?: WrapDirectoryOptions): UserDirectory {
  const parsed = parseInput(OptionsShape, options, { argument: 'options' }) ?? {};
  if (isWrappedDirectory(directory)) {
    return parsed.signal === undefined ? directory : withLifetime(directory, parsed.signal);
  }
  const shape = parseInput(DirectoryShape, directory, { argument: 'directory' });
  return new WrappedDirectory({
    inner: directory,
    provider: shape.provider,
    capabilities: shape.capabilities,
    secrets: normalizeSecrets(parsed.secrets ?? []),
    logger: parsed.logger,
    onOperation: parsed.onOperation,
    onUserWrite: parsed.onUserWrite,
    lifetime: parsed.signal,
  });
}
