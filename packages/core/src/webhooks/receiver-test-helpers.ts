import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got: headers and the raw body, as a real receiver reads them. */
export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** How the receiver answers: a status (with headers and a body), or a delay first. */
export interface Answer {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Milliseconds before answering (longer than the dispatcher's timeout: a slow receiver). */
  readonly delayMs?: number;
}

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests. `down()` closes it (connections are then
 * refused) and `up()` listens again on the same port; `answer` decides each response.
 */
export class TestReceiver {
  readonly received: ReceivedRequest[] = [];
  answer: (request: ReceivedRequest) => Answer = () => ({ status: 204 });
  /** Requests being answered right now, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;
  #server: Server | undefined;
  #port = 0;

  static async start(): Promise<TestReceiver> {
    const receiver = new TestReceiver();
    await receiver.up();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}/hooks`;
  }

  async up(): Promise<void> {
    if (this.#server !== undefined) return;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const received = { headers: request.headers, body: Buffer.concat(chunks) };
        this.received.push(received);
        const answer = this.answer(received);
        const send = () => this.#send(response, answer);
        if (answer.delayMs === undefined) send();
        else setTimeout(send, answer.delayMs).unref();
      });
      response.on('close', () => {
        this.inFlight -= 1;
      });
    });
    server.keepAliveTimeout = 5_000;
    server.listen(this.#port, '127.0.0.1');
    await once(server, 'listening');
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Stops listening and drops open connections: attempts now fail with ECONNREFUSED. */
  async down(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    this.#server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Ids (`webhook-id`) of every request received, in order. */
  ids(): string[] {
    return this.received.map((request) => String(request.headers['webhook-id']));
  }

  #send(response: ServerResponse, answer: Answer): void {
    if (response.destroyed) return;
    response.writeHead(answer.status ?? 204, answer.headers);
    response.end(answer.body);
  }
}
