import { InvalidInputError } from '../errors/error-classes.js';
import { invalidInputFromZod } from '../errors/from-zod.js';
import { copyError } from '../redaction/scrub-error.js';
import { scanValue } from '../redaction/value-graph.js';
import type { ProviderPlugin } from '../spi/provider-plugin.js';

/**
 * Parses a connection config with the plugin's schema (async refinements allowed). A failure names
 * the provider and each field (`config.provhash`) and never the received value of any field: zod's
 * messages do not quote input, and every string of the received config is scrubbed in case a
 * plugin's custom message does.
 */
export async function parseConnectionConfig(plugin: ProviderPlugin, config: unknown): Promise<unknown> {
  const what = `${plugin.id} connection config`;
  // One linear pass: shared objects are read once, and a cycle is refused before the schema runs.
  const { strings: received, cyclePath } = scanValue(config);
  if (cyclePath !== undefined) {
    const path = cyclePath === '' ? 'config' : `config.${cyclePath}`;
    const message = 'must not refer to an object that contains it (a cycle)';
    throw new InvalidInputError(`Invalid ${what}: ${path} ${message}`, [{ path, message }], {
      provider: plugin.id,
    });
  }
  let result: Awaited<ReturnType<ProviderPlugin['configSchema']['safeParseAsync']>>;
  try {
    result = await plugin.configSchema.safeParseAsync(config);
  } catch (cause) {
    // A throwing transform (`new URL(value)`, say) is still a rejection of the caller's value.
    const error = new InvalidInputError(
      `Invalid ${what}: config could not be parsed`,
      [{ path: 'config', message: 'could not be parsed' }],
      { provider: plugin.id, cause },
    );
    throw copyError(error, { secrets: received });
  }
  if (result.success) return result.data;
  const error = invalidInputFromZod(result.error, { argument: 'config', provider: plugin.id, what });
  throw copyError(error, { secrets: received });
}
