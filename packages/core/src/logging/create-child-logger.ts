import { pino } from 'pino';
import type { Logger } from '../composition/logger.js';
import { argumentError, requireArray } from '../errors/argument-error.js';
import { REDACTED } from '../model/sensitivity.js';
import { redact } from '../redaction/redact.js';
import { addLoggerSecrets, isScrubbingLogger, loggerSecrets } from './logger-secrets.js';
import { SECRET_FIELD_PATHS } from './secret-paths.js';

type LogFormatter = (object: object) => object;

/**
 * `parent.child(bindings)` that additionally never writes `secrets` (a connection's API key, say),
 * nor those its parent already scrubs. On a logger from `createLogger` the scrubbing covers messages
 * and arguments; on a host's own pino logger it covers logged objects (pino's `formatters.log` does
 * not see the message string), so hosts should prefer `createLogger` for the root.
 */
export function createChildLogger(
  parent: Logger,
  bindings: Record<string, unknown>,
  secrets: readonly string[] = [],
): Logger {
  if (typeof (parent as { child?: unknown } | null)?.child !== 'function') {
    throw argumentError('createChildLogger', 'parent', 'must be a pino logger');
  }
  if (typeof bindings !== 'object' || bindings === null || Array.isArray(bindings)) {
    throw argumentError('createChildLogger', 'bindings', 'must be an object');
  }
  const all = [
    ...loggerSecrets(parent),
    ...requireArray('createChildLogger', 'secrets', secrets),
  ] as string[];
  const safeBindings = redact(bindings, { secrets: all }) as Record<string, unknown>;
  const child = isScrubbingLogger(parent)
    ? parent.child(safeBindings)
    : parent.child(safeBindings, {
        redact: { paths: [...SECRET_FIELD_PATHS], censor: REDACTED },
        formatters: { log: scrubbingFormatter(parent, all) },
      });
  addLoggerSecrets(child, all);
  return child;
}

function scrubbingFormatter(parent: Logger, secrets: readonly string[]): LogFormatter {
  // Keep the host's own log formatter, if it has one, after our scrubbing.
  const formatters = (parent as unknown as Record<symbol, { log?: LogFormatter } | undefined>)[
    pino.symbols.formattersSym
  ];
  const next = formatters?.log;
  return (object) => {
    const scrubbed = redact(object, { secrets }) as object;
    return next === undefined ? scrubbed : next(scrubbed);
  };
}
