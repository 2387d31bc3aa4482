import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type Answer, HelpdeskAccount } from './helpdesk-account.js';

export interface HelpdeskServerOptions {
  /** The bearer token the account accepts. */
  readonly apiToken: string;
  /** The token's scopes. Default `['agents:read', 'agents:write']`. */
  readonly scopes?: readonly string[];
}

const PREFIX = '/api/v2';

/**
 * A Helpdesk account served over real HTTP on 127.0.0.1: bearer token, scopes, cursor paging, 409
 * on a taken login, and, on demand, 429 with `Retry-After`, a lost answer or a request never
 * answered. The account's state is `account`; every request received is logged in `requests`.
 */
export class HelpdeskServer {
  readonly account = new HelpdeskAccount();
  /** `METHOD /path?query` of every request, below the API prefix, in arrival order. */
  readonly requests: string[] = [];
  /** Requests whose client went away before they were answered (see `stallNext`). */
  abandoned = 0;
  readonly #options: HelpdeskServerOptions;
  readonly #server = createServer((request, response) => this.#receive(request, response));
  readonly #sockets = new Set<Socket>();
  #throttled: { count: number; retryAfterSeconds: number } = { count: 0, retryAfterSeconds: 0 };
  #dropCreateAnswers = 0;
  #stalls = 0;

  private constructor(options: HelpdeskServerOptions) {
    this.#options = options;
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /** Starts a server on a free port of 127.0.0.1. */
  static async start(options: HelpdeskServerOptions): Promise<HelpdeskServer> {
    const server = new HelpdeskServer(options);
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  /** What a connection's config holds as `baseUrl`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}${PREFIX}`;
  }

  /** Answers the next `count` requests `429` with `Retry-After: <retryAfterSeconds>`. */
  throttleNext(count: number, retryAfterSeconds: number): void {
    this.#throttled = { count, retryAfterSeconds };
  }

  /** Creates the agent of the next `POST /agents` but drops the connection instead of answering. */
  dropNextCreateAnswer(): void {
    this.#dropCreateAnswers += 1;
  }

  /** Never answers the next request (a hung server); its client's abort counts in `abandoned`. */
  stallNext(): void {
    this.#stalls += 1;
  }

  /** Takes the account off the network: open connections are cut, new ones refused. */
  stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #receive(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => this.#handle(request, response, Buffer.concat(chunks).toString('utf8')));
  }

  #handle(request: IncomingMessage, response: ServerResponse, text: string): void {
    const url = new URL(request.url ?? '/', 'http://helpdesk');
    const method = request.method ?? 'GET';
    const path = url.pathname.startsWith(`${PREFIX}/`) ? url.pathname.slice(PREFIX.length) : '';
    this.requests.push(`${method} ${path}${url.search}`);
    if (this.#stalls > 0) {
      this.#stalls -= 1;
      response.on('close', () => {
        if (!response.writableFinished) this.abandoned += 1;
      });
      return;
    }
    const answer = this.#answer(request, method, path, url, text);
    if (method === 'POST' && path === '/agents' && answer.status === 201 && this.#dropCreateAnswers > 0) {
      this.#dropCreateAnswers -= 1;
      response.socket?.destroy();
      return;
    }
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  #answer(request: IncomingMessage, method: string, path: string, url: URL, text: string): Answer {
    if (this.#throttled.count > 0) {
      this.#throttled.count -= 1;
      const headers = { 'retry-after': String(this.#throttled.retryAfterSeconds) };
      return { status: 429, body: { error: 'rate_limited' }, headers };
    }
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    if (token !== this.#options.apiToken) {
      // Like some real APIs, the message quotes what was sent: the provider must never show it.
      return { status: 401, body: { error: 'invalid_token', message: `The token ${token} is not valid` } };
    }
    const scopes = this.#options.scopes ?? ['agents:read', 'agents:write'];
    if (path === '/me' && method === 'GET') return { status: 200, body: { scopes } };
    const needed = method === 'GET' ? 'agents:read' : 'agents:write';
    if (!scopes.includes(needed)) return { status: 403, body: { error: 'missing_scope' } };
    try {
      const body: unknown = text === '' ? undefined : JSON.parse(text);
      const segments = path.split('/').slice(1).map(decodeURIComponent);
      return this.account.answer({ method, segments, query: url.searchParams, body });
    } catch {
      return { status: 400, body: { error: 'malformed_request' } };
    }
  }
}
