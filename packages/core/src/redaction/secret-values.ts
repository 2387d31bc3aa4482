import type { z } from 'zod';
import { argumentError } from '../errors/argument-error.js';
import { isSecretSchema, isZodSchema } from '../model/secret.js';
import { scanValue } from './value-graph.js';

/** Wrappers whose value has the shape of their `innerType`. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The structural part of zod 4's internals this walk reads (`schema._zod.def`). */
interface SchemaDef {
  readonly type?: string;
  readonly innerType?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly element?: z.ZodType;
  readonly getter?: () => z.ZodType;
}

/**
 * The string values of `config` held by fields marked with `secret()`, at any depth of nested
 * objects (through optional/nullable/default/pipe/union/array wrappers). A secret-marked object
 * contributes every string inside it. Used to scrub those exact strings from logs and errors.
 */
export function secretValuesOf(schema: z.ZodType, config: unknown): string[] {
  if (!isZodSchema(schema)) throw argumentError('secretValuesOf', 'schema', 'must be a zod schema');
  const found = new Set<string>();
  collect(schema, config, found, new Set());
  return [...found];
}

function collect(schema: z.ZodType, value: unknown, found: Set<string>, visiting: Set<z.ZodType>): void {
  if (value === undefined || value === null) return;
  if (isSecretSchema(schema)) {
    for (const text of scanValue(value).strings) found.add(text);
    return;
  }
  // Recursive (lazy) schemas would otherwise loop while the value is finite.
  if (visiting.has(schema)) return;
  const def = defOf(schema);
  if (def === undefined) return;
  visiting.add(schema);
  try {
    collectByType(def, value, found, visiting);
  } finally {
    visiting.delete(schema);
  }
}

function collectByType(def: SchemaDef, value: unknown, found: Set<string>, visiting: Set<z.ZodType>): void {
  const type = def.type ?? '';
  if (WRAPPERS.has(type) && def.innerType !== undefined) {
    collect(def.innerType, value, found, visiting);
  } else if (type === 'pipe') {
    // The value may be the pipe's input (raw config) or its output (parsed config): look with both.
    if (def.in !== undefined) collect(def.in, value, found, visiting);
    if (def.out !== undefined) collect(def.out, value, found, visiting);
  } else if (type === 'lazy' && def.getter !== undefined) {
    collect(def.getter(), value, found, visiting);
  } else if (type === 'union') {
    for (const option of def.options ?? []) collect(option, value, found, visiting);
  } else if (type === 'array' && def.element !== undefined && Array.isArray(value)) {
    for (const item of value) collect(def.element, item, found, visiting);
  } else if (type === 'object' && def.shape !== undefined && typeof value === 'object') {
    for (const [key, field] of Object.entries(def.shape)) {
      collect(field, (value as Record<string, unknown>)[key], found, visiting);
    }
  }
}

function defOf(schema: z.ZodType): SchemaDef | undefined {
  const internals = (schema as { _zod?: { def?: SchemaDef } })._zod;
  return internals?.def;
}
