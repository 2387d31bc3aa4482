import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stand-in answers the next request: a status, and optionally a Retry-After. */
export interface ReceiverAnswer {
  readonly status: number;
  readonly retryAfterSeconds?: number;
  readonly body?: string;
}

/**
 * A local HTTP server standing in for Slack's incoming webhooks on 127.0.0.1: it records every
 * message posted to its secret path and answers `ok`, or what `answers` says next (429, 500, 404).
 */
export class SlackReceiver {
  readonly messages: Array<{ text: string; blocks: Array<Record<string, unknown>> }> = [];
  readonly answers: ReceiverAnswer[] = [];
  #server: Server | undefined;
  url = '';

  static async start(secretPath: string): Promise<SlackReceiver> {
    const receiver = new SlackReceiver();
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answer = receiver.answers.shift();
        if (request.url !== secretPath) {
          response.writeHead(404).end('no_service');
          return;
        }
        if (answer !== undefined && answer.status !== 200) {
          const headers =
            answer.retryAfterSeconds === undefined ? {} : { 'retry-after': String(answer.retryAfterSeconds) };
          response.writeHead(answer.status, headers).end(answer.body ?? 'error');
          return;
        }
        receiver.messages.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(200, { 'content-type': 'text/html' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver.#server = server;
    receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${secretPath}`;
    return receiver;
  }

  /** All text of a message, for assertions that do not depend on the block layout. */
  static textOf(message: { text: string; blocks: unknown[] }): string {
    return JSON.stringify(message);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}
