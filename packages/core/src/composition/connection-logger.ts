import { createChildLogger } from '../logging/create-child-logger.js';
import { addLoggerSecrets, isScrubbingLogger } from '../logging/logger-secrets.js';
import type { ConnectionContext } from '../spi/provider-plugin.js';
import type { Logger } from './logger.js';

/**
 * A connection's logger: a child with `{ provider, tenant }` that never writes the connection's
 * secrets. Its bindings are validated ids (plugin id, tenant), so on a logger from `createLogger`
 * they need no scrubbing pass: the child costs one pino child and one registration, and the secret
 * matcher is built only when the first line is written.
 */
export function connectionLogger(
  root: Logger,
  context: ConnectionContext,
  secrets: readonly string[],
): Logger {
  const bindings = { provider: context.provider, tenant: context.tenant };
  if (!isScrubbingLogger(root)) return createChildLogger(root, bindings, secrets);
  const child = root.child(bindings);
  addLoggerSecrets(child, secrets);
  return child;
}
