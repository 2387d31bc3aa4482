import { redactText } from '@provisionkit/core';

/** A stream the command writes to: `process.stdout`, or a test's or demo's own. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/** Where a run of the command reads and writes: the process, or a test or demo in-process. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted on Ctrl+C: long commands stop cleanly (an apply journals what it sent). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Writes lines to one stream with every secret of the configuration cut out: secrets reach the
 * output only through a bug elsewhere, and then still are not shown.
 */
export class Printer {
  readonly #stream: OutputStream;
  readonly #secrets: () => readonly string[];

  constructor(stream: OutputStream, secrets: () => readonly string[]) {
    this.#stream = stream;
    this.#secrets = secrets;
  }

  get isTTY(): boolean {
    return this.#stream.isTTY === true;
  }

  get stream(): OutputStream {
    return this.#stream;
  }

  line(text = ''): void {
    this.write(`${text}\n`);
  }

  write(text: string): void {
    const secrets = this.#secrets();
    this.#stream.write(secrets.length === 0 ? text : redactText(text, secrets));
  }

  /** Stable machine output: one JSON document. */
  json(value: unknown): void {
    this.line(JSON.stringify(value, null, 2));
  }
}
