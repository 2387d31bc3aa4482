import { z } from 'zod';
import { argumentError } from '../errors/argument-error.js';

/** Registry of schemas whose values are secrets (API keys, hashes, passwords). */
export const secretRegistry = z.registry<{ readonly secret: true }>();

/**
 * Marks a config or input field as secret. Core never echoes a marked value: not in errors, not in
 * logs, not in events. `secret(z.string())` returns the same schema, registered.
 */
export function secret<T extends z.ZodType>(schema: T): T {
  if (!isZodSchema(schema)) throw argumentError('secret', 'schema', 'must be a zod schema');
  secretRegistry.add(schema, { secret: true });
  return schema;
}

export function isSecretSchema(schema: z.ZodType): boolean {
  return isZodSchema(schema) && secretRegistry.has(schema);
}

/** A zod 4 schema: what the registry can hold. */
export function isZodSchema(value: unknown): value is z.ZodType {
  return (
    typeof value === 'object' && value !== null && typeof (value as { _zod?: unknown })._zod === 'object'
  );
}
