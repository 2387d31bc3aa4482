import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { SQLITE_THREAD_PROGRAM } from './sqlite-thread-program.js';

/** What a statement gave back: its rows (a query) or what it changed (anything else). */
export interface ThreadResult {
  readonly rows?: unknown[];
  readonly changes?: number | bigint;
  readonly lastInsertRowid?: number | bigint;
}

/** An error the thread reported: only SQLite's code, never its message (it may quote SQL or a path). */
export class SqliteThreadError extends Error {
  readonly code: string;

  constructor(code: string) {
    super(`SQLite failed with ${code}`);
    this.name = 'SqliteThreadError';
    this.code = code;
  }
}

type Pending = { readonly resolve: (result: ThreadResult) => void; readonly reject: (error: Error) => void };
type Request =
  | { readonly op: 'open'; readonly path: string; readonly busyTimeoutMs: number; readonly pragmas: string[] }
  | { readonly op: 'query'; readonly sql: string; readonly parameters: readonly unknown[] }
  | { readonly op: 'close' };

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * The SQLite connection, on a thread of its own (see `SQLITE_THREAD_PROGRAM`). Requests are
 * answered in the order sent. The thread holds the process open only while a request waits for
 * its answer, so a host that never closes the store still exits like one using the connection
 * directly; if the thread dies, every waiting and later request fails with `SQLITE_THREAD_EXITED`.
 */
export class SqliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #exited = false;

  constructor() {
    this.#worker = new Worker(SQLITE_THREAD_PROGRAM, { eval: true, workerData: { driverPath } });
    this.#worker.unref();
    this.#worker.on('message', (message: { id: number; result?: ThreadResult; error?: { code: string } }) => {
      const pending = this.#pending.get(message.id);
      if (pending === undefined) return;
      this.#pending.delete(message.id);
      if (this.#pending.size === 0) this.#worker.unref();
      if (message.error !== undefined) pending.reject(new SqliteThreadError(message.error.code));
      else pending.resolve(message.result ?? {});
    });
    this.#worker.on('error', () => this.#fail());
    this.#worker.on('exit', () => this.#fail());
  }

  open(path: string, busyTimeoutMs: number, pragmas: string[]): Promise<ThreadResult> {
    return this.#send({ op: 'open', path, busyTimeoutMs, pragmas });
  }

  query(sql: string, parameters: readonly unknown[]): Promise<ThreadResult> {
    return this.#send({ op: 'query', sql, parameters });
  }

  /** Closes the connection, then ends the thread. */
  async close(): Promise<void> {
    if (this.#exited) return;
    try {
      await this.#send({ op: 'close' });
    } finally {
      await this.#worker.terminate();
    }
  }

  #send(request: Request): Promise<ThreadResult> {
    if (this.#exited) return Promise.reject(new SqliteThreadError('SQLITE_THREAD_EXITED'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, ...request });
    });
  }

  #fail(): void {
    this.#exited = true;
    const error = new SqliteThreadError('SQLITE_THREAD_EXITED');
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
