import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '../composition/logger.js';
import type { HttpSender, SenderRequest } from './senders/sender.js';

/** One scripted answer: a response, or a network error with a system code (`ECONNRESET`). */
export type ScriptedAnswer =
  | { readonly status: number; readonly body?: string; readonly headers?: Record<string, string> }
  | { readonly networkError: string };

export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** A sender that plays `answers` in order (the last one repeats) and records what it was sent. */
export function scriptedSender(answers: readonly ScriptedAnswer[]): {
  sender: HttpSender;
  sent: SentRequest[];
} {
  const sent: SentRequest[] = [];
  const sender: HttpSender = async (request: SenderRequest) => {
    request.signal.throwIfAborted();
    const answer = answers[Math.min(sent.length, answers.length - 1)]!;
    sent.push({
      method: request.method,
      url: request.url.href,
      headers: request.headers,
      body: request.body === undefined ? undefined : String(request.body),
    });
    if ('networkError' in answer) {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: answer.networkError } });
    }
    return {
      status: answer.status,
      headers: new Headers(answer.headers ?? { 'content-type': 'application/json' }),
      body: chunks(answer.body ?? ''),
    };
  };
  return { sender, sent };
}

async function* chunks(text: string): AsyncGenerator<Uint8Array> {
  if (text !== '') yield new TextEncoder().encode(text);
}

/** A pino logger that keeps every line it writes, parsed. */
export function capturingLogger(): {
  logger: Logger;
  lines: () => Array<Record<string, unknown>>;
  text: () => string;
} {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      raw.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, stream);
  return {
    logger,
    lines: () =>
      raw.flatMap((text) => text.split('\n').filter((line) => line !== '')).map((line) => JSON.parse(line)),
    text: () => raw.join(''),
  };
}
