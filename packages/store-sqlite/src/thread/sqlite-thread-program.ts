/**
 * The program of the thread that owns the SQLite connection. better-sqlite3 is synchronous: run on
 * the host's thread, every statement holds its event loop (a webhook round spends a fifth of its
 * time there). Here it runs beside it, and the host's thread only sends SQL and receives rows.
 *
 * Plain JavaScript run with `eval`, so the same text works from the built package and from
 * TypeScript sources (a worker file would need a loader for the latter). It answers each message
 * `{ id, op, ... }` with `{ id, result }` or `{ id, error: { code } }`: never the driver's message,
 * which may quote SQL or a path (the store turns the code into its typed error).
 */
export const SQLITE_THREAD_PROGRAM = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const CACHE_SIZE = 256;
let database;
const statements = new Map();

// The store runs the same few dozen statements over and over (a delivery worker thousands of
// times a second), and preparing one is a large share of running it: statements are kept by text.
function prepare(sql) {
  const cached = statements.get(sql);
  if (cached !== undefined) return cached;
  const statement = database.prepare(sql);
  if (statements.size >= CACHE_SIZE) statements.delete(statements.keys().next().value);
  statements.set(sql, statement);
  return statement;
}

function handle(message) {
  switch (message.op) {
    case 'open': {
      try {
        database = new Database(message.path, { timeout: message.busyTimeoutMs });
      } catch (error) {
        // Some refusals to open carry no SQLite code (a missing directory): all of them are that.
        const code = error !== null && typeof error === 'object' && typeof error.code === 'string' ? error.code : 'SQLITE_CANTOPEN';
        throw Object.assign(new Error('cannot open'), { code });
      }
      for (const pragma of message.pragmas) database.pragma(pragma);
      return {};
    }
    case 'query': {
      if (database === undefined) throw Object.assign(new Error('closed'), { code: 'SQLITE_MISUSE' });
      const statement = prepare(message.sql);
      if (statement.reader) return { rows: statement.all(message.parameters) };
      const { changes, lastInsertRowid } = statement.run(message.parameters);
      return { changes, lastInsertRowid };
    }
    case 'close': {
      statements.clear();
      if (database !== undefined) database.close();
      database = undefined;
      return {};
    }
    default:
      throw Object.assign(new Error('unknown operation'), { code: 'SQLITE_MISUSE' });
  }
}

parentPort.on('message', (message) => {
  try {
    parentPort.postMessage({ id: message.id, result: handle(message) });
  } catch (error) {
    const code = error !== null && typeof error === 'object' && typeof error.code === 'string' ? error.code : 'SQLITE_ERROR';
    parentPort.postMessage({ id: message.id, error: { code } });
  }
});
`;
