import { CliError } from '../cli-errors.js';
import { EnvReference } from './config-schema.js';

/**
 * The connection config with every `{ "env": "NAME" }` replaced by that variable's value. Which
 * values are secret is the provider's config schema's say (`secret()`), wherever they come from.
 */
export function resolveConfig(
  config: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
  path: string,
): { config: Record<string, unknown> } {
  const visit = (value: unknown, at: string): unknown => {
    const reference = EnvReference.safeParse(value);
    if (reference.success) {
      const found = env[reference.data.env];
      if (found === undefined || found === '') {
        throw new CliError(`${at}: the environment variable ${reference.data.env} is not set`, [
          { path: at, message: `needs the environment variable ${reference.data.env}` },
        ]);
      }
      return found;
    }
    if (Array.isArray(value)) return value.map((item, index) => visit(item, `${at}.${index}`));
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, visit(item, `${at}.${key}`)]),
      );
    return value;
  };
  return { config: visit(config, path) as Record<string, unknown> };
}

/** The config as `connections list` shows it: environment references named, secret values hidden. */
export function displayConfig(
  config: Readonly<Record<string, unknown>>,
  secrets: ReadonlySet<string>,
): Record<string, unknown> {
  const visit = (value: unknown): unknown => {
    if (EnvReference.safeParse(value).success) return `$${(value as EnvReference).env}`;
    if (typeof value === 'string' && secrets.has(value)) return '[REDACTED]';
    if (Array.isArray(value)) return value.map(visit);
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item)]));
    return value;
  };
  return visit(config) as Record<string, unknown>;
}

/** The config with environment references left out: what the file itself holds. */
export function withoutEnvReferences(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const visit = (value: unknown): unknown => {
    if (EnvReference.safeParse(value).success) return undefined;
    if (Array.isArray(value)) return value.map(visit);
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item)]));
    return value;
  };
  return visit(config) as Record<string, unknown>;
}
