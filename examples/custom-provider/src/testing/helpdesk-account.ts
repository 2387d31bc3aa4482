/** An agent as the Helpdesk API stores and returns it (absent values are `null`, as Helpdesk sends them). */
export interface StoredAgent {
  readonly id: string;
  readonly login: string;
  readonly email: string | null;
  full_name: string | null;
  readonly external_id: string | null;
  role: 'admin' | 'agent';
  readonly seat: 'full' | 'light';
  state: 'enabled' | 'disabled';
  readonly created_at: string;
}

/** One API request as the account sees it: the path below `/api/v2`, split at `/`. */
export interface ApiRequest {
  readonly method: string;
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly body: unknown;
}

/** Status, JSON body and headers of an answer. */
export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const fail = (status: number, error: string, message?: string): Answer => ({
  status,
  body: message === undefined ? { error } : { error, message },
});
const notFound = fail(404, 'agent_not_found');

/**
 * A Helpdesk account's agents and what each endpoint answers, without HTTP (the server adds it).
 * Logins are compared case-insensitively and kept as given; ids are numbers, and an id that is not
 * one is answered `400 invalid_id`, a quirk the provider maps to `not_found`.
 */
export class HelpdeskAccount {
  readonly agents = new Map<string, StoredAgent>();
  #lastId = 0;

  answer({ method, segments, query, body }: ApiRequest): Answer {
    const [resource, id, action, extra] = segments;
    if (resource !== 'agents' || extra !== undefined) return fail(404, 'no_route');
    if (id === undefined) {
      if (method === 'GET') return this.#list(query);
      if (method === 'POST') return this.#create(body);
    } else if (id === 'by-login' && action !== undefined && method === 'GET') {
      return this.#answerWith(this.#byLogin(action));
    } else if (!/^\d{1,15}$/.test(id)) {
      return fail(400, 'invalid_id', `${id} is not an agent id`);
    } else if (action === undefined && method === 'GET') {
      return this.#answerWith(this.agents.get(id));
    } else if (action === undefined && method === 'PATCH') {
      return this.#update(id, body);
    } else if ((action === 'activate' || action === 'deactivate') && method === 'POST') {
      return this.#setState(id, action === 'activate' ? 'enabled' : 'disabled');
    }
    return fail(404, 'no_route');
  }

  /** `GET /agents?limit=&cursor=`: agents after the cursor (an id), in id order. */
  #list(query: URLSearchParams): Answer {
    const limit = Number(query.get('limit') ?? '25');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return fail(400, 'invalid_limit');
    const cursor = query.get('cursor');
    if (cursor !== null && !/^\d{1,15}$/.test(cursor)) return fail(400, 'invalid_cursor');
    const after = Number(cursor ?? '0');
    const rest = [...this.agents.values()].filter((agent) => Number(agent.id) > after);
    const agents = rest.slice(0, limit);
    const nextCursor = rest.length > limit ? (agents.at(-1)?.id ?? null) : null;
    return { status: 200, body: { agents, next_cursor: nextCursor } };
  }

  #create(body: unknown): Answer {
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const { login, role = 'agent', seat = 'full' } = input;
    if (typeof login !== 'string' || login.trim() === '' || login.length > 254) {
      return fail(422, 'invalid_agent', 'login is required');
    }
    if (!(role === 'admin' || role === 'agent') || !(seat === 'full' || seat === 'light')) {
      return fail(422, 'invalid_agent', 'role or seat is not valid');
    }
    // Like many APIs, the message quotes the input: the provider must not copy it into errors.
    if (this.#byLogin(login) !== undefined) return fail(409, 'login_taken', `Login ${login} is taken`);
    this.#lastId += 1;
    const agent: StoredAgent = {
      id: String(this.#lastId),
      login,
      email: optionalText(input.email),
      full_name: optionalText(input.full_name),
      external_id: optionalText(input.external_id),
      role,
      seat,
      state: 'enabled',
      created_at: new Date().toISOString(),
    };
    this.agents.set(agent.id, agent);
    return { status: 201, body: agent };
  }

  /** `PATCH /agents/:id`: `full_name` and `role`; other keys are ignored. */
  #update(id: string, body: unknown): Answer {
    const agent = this.agents.get(id);
    if (agent === undefined) return notFound;
    const changes = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const { full_name: fullName, role } = changes;
    if (fullName !== undefined && typeof fullName !== 'string') return fail(422, 'invalid_agent');
    if (role !== undefined && role !== 'admin' && role !== 'agent') return fail(422, 'invalid_agent');
    if (fullName !== undefined) agent.full_name = fullName;
    if (role !== undefined) agent.role = role;
    return { status: 200, body: agent };
  }

  /** Idempotent: deactivating a disabled agent answers the agent, unchanged. */
  #setState(id: string, state: StoredAgent['state']): Answer {
    const agent = this.agents.get(id);
    if (agent === undefined) return notFound;
    agent.state = state;
    return { status: 200, body: agent };
  }

  #byLogin(login: string): StoredAgent | undefined {
    const wanted = login.toLowerCase();
    return [...this.agents.values()].find((agent) => agent.login.toLowerCase() === wanted);
  }

  #answerWith(agent: StoredAgent | undefined): Answer {
    return agent === undefined ? notFound : { status: 200, body: agent };
  }
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
