import type { Logger } from '../composition/logger.js';
import { normalizeSecrets } from '../redaction/redact-text.js';

// Kept outside the logger (not a property, not even a hidden one), so `util.inspect(logger,
// { showHidden: true })` cannot show them. Pino children are created with `Object.create(parent)`,
// so a child finds the secrets of its ancestors by walking its prototype chain.
const registry = new WeakMap<object, readonly string[]>();

function registered(logger: Logger): readonly string[] | undefined {
  for (let current: object | null = logger; current !== null; current = Object.getPrototypeOf(current)) {
    const secrets = registry.get(current);
    if (secrets !== undefined) return secrets;
  }
  return undefined;
}

/** Literal secret values the logger (and its descendants) cut out of every line. */
export function loggerSecrets(logger: Logger): readonly string[] {
  return registered(logger) ?? [];
}

/** Whether the logger was built by `createLogger` (and therefore scrubs messages and arguments). */
export function isScrubbingLogger(logger: Logger): boolean {
  return registered(logger) !== undefined;
}

/**
 * Registers `secrets` on this logger; its existing secrets (own or inherited) are kept. A list from
 * `normalizeSecrets` added to a logger without secrets is registered as it is, so a connection's
 * logger and its directory share one list (and one matcher, built when first needed).
 */
export function addLoggerSecrets(logger: Logger, secrets: readonly string[]): void {
  const inherited = loggerSecrets(logger);
  registry.set(
    logger,
    inherited.length === 0 ? normalizeSecrets(secrets) : normalizeSecrets([...inherited, ...secrets]),
  );
}
