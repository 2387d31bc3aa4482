import { type Compilable, CompiledQuery, type QueryResult } from 'kysely';
import type { Db, Tx } from './store-context.js';

/** Where a template puts a value: a named slot, one of a list's items, or one cell of a row. */
export interface Slots {
  /** A single value, `name`. */
  value(name: string): unknown;
  /** `length` values of the list `name` (an `in (...)` list, say). */
  list(name: string, length: number): unknown[];
  /** `length` rows with `columns`, for a multi-row insert: the cells of rows `name`. */
  rows<C extends string>(name: string, columns: readonly C[], length: number): Record<C, unknown>[];
}

/** What a template's slots hold when it runs. */
export interface SlotValues {
  readonly values?: Readonly<Record<string, unknown>>;
  readonly lists?: Readonly<Record<string, readonly unknown[]>>;
  /** Rows as arrays, their cells in the order of the `columns` the template was built with. */
  readonly rows?: Readonly<Record<string, readonly (readonly unknown[])[]>>;
}

type Source =
  | { readonly kind: 'constant'; readonly value: unknown }
  | { readonly kind: 'value'; readonly name: string }
  | { readonly kind: 'item'; readonly name: string; readonly index: number }
  | { readonly kind: 'cell'; readonly name: string; readonly row: number; readonly column: number };

interface Compiled {
  readonly sql: string;
  readonly sources: readonly Source[];
}

const MARK = '\u0000pk-slot:';

/**
 * A Kysely query compiled once per size and run again with new values. Kysely builds and compiles
 * its query tree on every call, which for a 100-row insert or a 256-id `in` list costs more than
 * SQLite takes to run it; a store running the same statements thousands of times a second pays
 * that again and again. A template builds the query with marked placeholder values, remembers
 * where each lands among the compiled parameters, and then only fills them in. The SQL is still
 * the one Kysely compiles for the store's dialect.
 */
export class QueryTemplate {
  readonly #build: (db: Db | Tx, slots: Slots, size: number) => Compilable<unknown>;
  readonly #compiled = new Map<number, Compiled>();

  /** `build` makes the query for `size` (rows or list items), placing values through `slots`. */
  constructor(build: (db: Db | Tx, slots: Slots, size: number) => Compilable<unknown>) {
    this.#build = build;
  }

  /** Runs the query of `size` with `values` in its slots. */
  execute<R = Record<string, unknown>>(
    db: Db | Tx,
    size: number,
    values: SlotValues,
  ): Promise<QueryResult<R>> {
    const compiled = this.#compiled.get(size) ?? this.#compile(db, size);
    const parameters = compiled.sources.map((source) => slotValue(source, values));
    return db.executeQuery<R>(CompiledQuery.raw(compiled.sql, parameters));
  }

  #compile(db: Db | Tx, size: number): Compiled {
    const marks = new Map<string, Source>();
    const mark = (source: Source): string => {
      const key = `${MARK}${marks.size}`;
      marks.set(key, source);
      return key;
    };
    const slots: Slots = {
      value: (name) => mark({ kind: 'value', name }),
      list: (name, length) => Array.from({ length }, (_, index) => mark({ kind: 'item', name, index })),
      rows: (name, columns, length) =>
        Array.from(
          { length },
          (_, row) =>
            Object.fromEntries(
              columns.map((column, index) => [column, mark({ kind: 'cell', name, row, column: index })]),
            ) as Record<(typeof columns)[number], unknown>,
        ),
    };
    const query = this.#build(db, slots, size).compile();
    const sources = query.parameters.map((parameter): Source => {
      if (typeof parameter === 'string' && parameter.startsWith(MARK)) {
        const source = marks.get(parameter);
        if (source !== undefined) return source;
      }
      return { kind: 'constant', value: parameter };
    });
    // Every placeholder must have become a parameter exactly once, never text in the SQL.
    const placed = sources.filter((source) => source.kind !== 'constant').length;
    if (query.sql.includes(MARK) || placed !== marks.size) {
      throw new Error('A query template placed a value outside its parameters');
    }
    const compiled = { sql: query.sql, sources };
    this.#compiled.set(size, compiled);
    return compiled;
  }
}

function slotValue(source: Source, values: SlotValues): unknown {
  switch (source.kind) {
    case 'constant':
      return source.value;
    case 'value':
      return values.values?.[source.name];
    case 'item':
      return values.lists?.[source.name]?.[source.index];
    case 'cell':
      return values.rows?.[source.name]?.[source.row]?.[source.column];
  }
}
