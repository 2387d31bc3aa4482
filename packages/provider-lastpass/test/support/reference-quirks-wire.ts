import nock from 'nock';

/** A fake https origin: nothing listens there, nock answers every POST. */
export const ORIGIN = 'https://lastpass.quirks.test';
export const PATH = '/enterpriseapi.php';
export const BASE_URL = `${ORIGIN}${PATH}`;
export const CID = 1234567;
export const PROVHASH = 'c3'.repeat(32);

// LastPass labels every answer text/xml, JSON bodies included (reference §2, §7.2).
export const TEXT_XML = { 'content-type': 'text/xml;charset=UTF-8' } as const;

/** The recorded auth failure: HTTP 200, text/xml, 76 bytes with the trailing newline (§2.2). */
export const AUTH_XML = '<?xml version="1.0" encoding="UTF-8"?>\n<lastpass rc="Authorization Error"/>\n';

/** One POST as LastPass would receive it. */
export interface WireRequest {
  readonly cmd: string;
  readonly cid: unknown;
  readonly data: unknown;
  readonly body: Readonly<Record<string, unknown>>;
}

/** What the fake answers: HTTP 200 and text/xml unless told otherwise; objects are sent as JSON. */
export interface WireAnswer {
  readonly status?: number;
  readonly body: string | object;
  readonly headers?: Readonly<Record<string, string>>;
}

export type WireRoute = (data: unknown, request: WireRequest) => WireAnswer;
export type WireRoutes = Readonly<Partial<Record<string, WireRoute>>>;

export interface FakeWire {
  /** Every request received, in order. */
  readonly requests: WireRequest[];
  /** The commands received, in order. */
  commands(): string[];
}

/** An answer with HTTP 200 and the given body (JSON unless a string). */
export function answer(
  body: string | object,
  status = 200,
  headers: Record<string, string> = {},
): WireAnswer {
  return { status, body, headers };
}

/**
 * Serves every POST to the fake origin from `routes`, keyed by `cmd`. A command without a route is
 * answered with a FAIL naming it, so an unexpected call makes the test fail loudly.
 */
export function serveWire(routes: WireRoutes): FakeWire {
  const requests: WireRequest[] = [];
  nock(ORIGIN)
    .persist()
    .post(PATH)
    .reply((_uri, rawBody) => {
      const body = (typeof rawBody === 'string' ? JSON.parse(rawBody) : rawBody) as Record<string, unknown>;
      const request: WireRequest = { cmd: String(body.cmd), cid: body.cid, data: body.data, body };
      requests.push(request);
      const route = routes[request.cmd];
      const reply: WireAnswer = route?.(request.data, request) ?? {
        body: { status: 'FAIL', error: `no route for ${request.cmd} in this test` },
      };
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      return [reply.status ?? 200, text, { ...TEXT_XML, ...reply.headers }];
    });
  return { requests, commands: () => requests.map((request) => request.cmd) };
}
