/** An agent as Helpdesk's API returns it: its own vocabulary, mapped to `User` in `to-user.ts`. */
export interface HelpdeskAgent {
  readonly id: string;
  readonly login: string;
  readonly email?: string | undefined;
  readonly full_name?: string | undefined;
  readonly external_id?: string | undefined;
  readonly role: 'admin' | 'agent';
  readonly seat: 'full' | 'light';
  readonly state: 'enabled' | 'disabled';
  readonly created_at: string;
}

export type NewHelpdeskAgent = Omit<HelpdeskAgent, 'id' | 'state' | 'created_at'>;

export interface AgentPage {
  readonly agents: readonly HelpdeskAgent[];
  /** Absent on the last page. */
  readonly nextCursor?: string | undefined;
}

/** Helpdesk's failure shape: an HTTP status and the `error` code of its body. Status 0: no answer came. */
export interface HelpdeskFailure {
  readonly status: number;
  readonly error: string;
  /** From the `Retry-After` header of a 429. */
  readonly retryAfterSeconds?: number | undefined;
}

/** What every `HelpdeskApi` method rejects with. `message` is Helpdesk's text, which may echo input. */
export class HelpdeskApiFailure extends Error implements HelpdeskFailure {
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly status: number,
    readonly error: string,
    options: { readonly message?: string; readonly retryAfterSeconds?: number } = {},
  ) {
    super(options.message ?? `Helpdesk ${status} ${error}`);
    this.name = 'HelpdeskApiFailure';
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * Helpdesk's REST API, one method per endpoint. Every method rejects with `HelpdeskApiFailure`, and
 * takes the `signal` that aborts its request (status 0 once aborted).
 */
export interface HelpdeskApi {
  /** `GET /agents?cursor=&limit=`, ordered by id. */
  listAgents(
    query: { readonly cursor?: string | undefined; readonly limit: number },
    signal?: AbortSignal,
  ): Promise<AgentPage>;
  /** `GET /agents/:id`; 404 when unknown. */
  getAgent(id: string, signal?: AbortSignal): Promise<HelpdeskAgent>;
  /** `GET /agents/by-login/:login`; Helpdesk compares logins case-insensitively. 404 when unknown. */
  findAgentByLogin(login: string, signal?: AbortSignal): Promise<HelpdeskAgent>;
  /** `POST /agents`; 409 `login_taken`. Not idempotent. */
  createAgent(agent: NewHelpdeskAgent, signal?: AbortSignal): Promise<HelpdeskAgent>;
  /** `PATCH /agents/:id`. */
  updateAgent(
    id: string,
    changes: { readonly full_name?: string | undefined },
    signal?: AbortSignal,
  ): Promise<HelpdeskAgent>;
  /** `PUT /agents/:id/state`; idempotent. */
  setAgentState(id: string, state: HelpdeskAgent['state'], signal?: AbortSignal): Promise<HelpdeskAgent>;
  /** `GET /me`: the token's scopes; 401 for a bad token. */
  whoAmI(signal?: AbortSignal): Promise<{ readonly scopes: readonly string[] }>;
}
export const HelpdeskApi = Symbol.for('@provisionkit/example-custom-provider/HelpdeskApi');
