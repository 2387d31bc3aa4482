import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A member as the Crew API stores and returns it. */
export interface CrewMember {
  readonly id: string;
  readonly login: string;
  email?: string;
  name?: string;
  external_id?: string;
  admin: boolean;
  active: boolean;
  readonly created_at: string;
}

export interface CrewSandboxOptions {
  readonly apiToken: string;
  /** Answer every n-th request 429 with `Retry-After: retryAfterSeconds` (default: never). */
  readonly throttleEvery?: number;
  readonly retryAfterSeconds?: number;
  /** Apply the next n creates but drop the connection instead of answering (a lost answer). */
  readonly dropCreateAnswers?: number;
}

/**
 * A small REST API on 127.0.0.1 for tests ("Crew"): bearer token, cursor paging, 409 on a taken
 * login (compared case-insensitively), 429 with `Retry-After` on demand. Real HTTP, no mocks.
 */
export class CrewSandbox {
  readonly members = new Map<string, CrewMember>();
  requests = 0;
  readonly #options: CrewSandboxOptions;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #dropsLeft: number;

  private constructor(options: CrewSandboxOptions, server: Server) {
    this.#options = options;
    this.#server = server;
    this.#dropsLeft = options.dropCreateAnswers ?? 0;
  }

  static async start(options: CrewSandboxOptions): Promise<CrewSandbox> {
    const server = createServer();
    const sandbox = new CrewSandbox(options, server);
    server.on('request', (request, response) => sandbox.#receive(request, response));
    server.on('connection', (socket) => {
      sandbox.#sockets.add(socket);
      socket.on('close', () => sandbox.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return sandbox;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
  }

  stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #receive(request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => this.#handle(request, response, body));
  }

  #handle(request: IncomingMessage, response: ServerResponse, body: string) {
    this.requests++;
    const send = (status: number, value?: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(value === undefined ? undefined : JSON.stringify(value));
    };
    const every = this.#options.throttleEvery;
    if (every !== undefined && this.requests % every === 0) {
      return send(
        429,
        { error: { code: 'slow_down' } },
        { 'retry-after': String(this.#options.retryAfterSeconds ?? 1) },
      );
    }
    if (request.headers.authorization !== `Bearer ${this.#options.apiToken}`) {
      return send(401, {
        error: { code: 'bad_token', message: `token ${request.headers.authorization} refused` },
      });
    }
    const url = new URL(request.url ?? '/', 'http://sandbox');
    const parts = url.pathname
      .split('/')
      .filter((part) => part !== '')
      .map(decodeURIComponent);
    const route = `${request.method} /${parts
      .slice(1)
      .map((part, index) => (index === 1 && part !== 'by-login' ? ':id' : part))
      .join('/')}`;
    const member = parts[2] === undefined ? undefined : this.members.get(parts[2]);
    switch (route) {
      case 'GET /me':
        return send(200, { scopes: ['members:read', 'members:write'] });
      case 'GET /members':
        return send(200, this.#page(url));
      case 'GET /members/by-login': {
        const found = this.#byLogin(url.searchParams.get('login') ?? '');
        return found === undefined ? send(404, { error: { code: 'no_member' } }) : send(200, found);
      }
      case 'POST /members':
        return this.#create(response, body, send);
      case 'GET /members/:id':
        return member === undefined ? send(404, { error: { code: 'no_member' } }) : send(200, member);
      case 'PATCH /members/:id':
      case 'POST /members/:id/deactivate':
      case 'POST /members/:id/activate': {
        if (member === undefined) return send(404, { error: { code: 'no_member' } });
        if (route.endsWith('deactivate')) member.active = false;
        else if (route.endsWith('activate')) member.active = true;
        else Object.assign(member, pick(JSON.parse(body || '{}'), ['name']));
        return send(200, member);
      }
      default:
        return send(404, { error: { code: 'no_route' } });
    }
  }

  #page(url: URL) {
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? '50'));
    const all = [...this.members.values()];
    const cursor = url.searchParams.get('cursor');
    const start = cursor === null ? 0 : all.findIndex((member) => member.id === cursor) + 1;
    const members = all.slice(start, start + limit);
    const last = members.at(-1);
    return { members, next_cursor: start + limit < all.length && last !== undefined ? last.id : null };
  }

  #byLogin(login: string): CrewMember | undefined {
    return [...this.members.values()].find((member) => member.login.toLowerCase() === login.toLowerCase());
  }

  #create(response: ServerResponse, body: string, send: (status: number, value?: unknown) => void) {
    const input = JSON.parse(body || '{}') as Partial<CrewMember>;
    if (typeof input.login !== 'string' || input.login === '') {
      return send(422, { error: { code: 'invalid', message: 'login is required' } });
    }
    if (this.#byLogin(input.login) !== undefined) return send(409, { error: { code: 'login_taken' } });
    const member: CrewMember = {
      ...pick(input, ['email', 'name', 'external_id']),
      id: randomUUID(),
      login: input.login,
      admin: input.admin === true,
      active: true,
      created_at: new Date().toISOString(),
    };
    this.members.set(member.id, member);
    if (this.#dropsLeft > 0) {
      this.#dropsLeft--;
      response.socket?.destroy();
      return;
    }
    send(201, member);
  }
}

function pick<T extends object>(value: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => keys.includes(key))) as Partial<T>;
}
