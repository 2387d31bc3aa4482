import type { Logger } from '../composition/logger.js';
import { normalizeSecrets } from '../redaction/redact-text.js';

// Pino children are created with `Object.create(parent)`, so a property set on a logger is inherited
// by every child and grandchild a provider derives from it, without pino knowing about it.
const LOGGER_SECRETS = Symbol('@provisionkit/core/loggerSecrets');

/** Literal secret values the logger (and its descendants) cut out of every line. */
export function loggerSecrets(logger: Logger): readonly string[] {
  const secrets = (logger as unknown as Record<symbol, unknown>)[LOGGER_SECRETS];
  return Array.isArray(secrets) ? (secrets as string[]) : [];
}

/** Whether the logger was built by `createLogger` (and therefore scrubs messages and arguments). */
export function isScrubbingLogger(logger: Logger): boolean {
  return Array.isArray((logger as unknown as Record<symbol, unknown>)[LOGGER_SECRETS]);
}

/** Registers `secrets` on this logger; its existing secrets (own or inherited) are kept. */
export function addLoggerSecrets(logger: Logger, secrets: readonly string[]): void {
  Object.defineProperty(logger, LOGGER_SECRETS, {
    value: normalizeSecrets([...loggerSecrets(logger), ...secrets]),
    enumerable: false,
    writable: true,
    configurable: true,
  });
}
