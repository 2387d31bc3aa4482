import type Database from 'better-sqlite3';

const SIZE = 256;

/**
 * Makes `database.prepare` reuse statements by SQL text. Kysely's SQLite driver prepares every
 * query it runs; the store runs the same few dozen statements over and over (a delivery worker
 * thousands of times a second), and preparing is a large share of each. A statement still busy
 * (an iteration in progress) is not handed out twice: a fresh one is prepared instead.
 */
export function cacheStatements(database: Database.Database): void {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, Database.Statement>();
  database.prepare = ((sql: string) => {
    const cached = cache.get(sql);
    if (cached !== undefined && !cached.busy) return cached;
    const statement = prepare(sql);
    if (cached === undefined) {
      if (cache.size >= SIZE) cache.delete(cache.keys().next().value!);
      cache.set(sql, statement);
    }
    return statement;
  }) as Database.Database['prepare'];
}
