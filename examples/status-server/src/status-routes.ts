// The routes of the status server, as a plain node:http request listener a host can mount on its
// own server. Statuses are plain data without secrets (codes, counts, times, credential states),
// so they go out as JSON as they are; nothing from a connection's config is ever read here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ConnectionStatus, ProvisioningError, TenantId } from '@provisionkit/core';

/** What the routes need from a kit: `kit.status()`. */
export interface StatusSource {
  status(): Promise<ConnectionStatus[]>;
}

type Route = { readonly kind: 'all' } | { readonly kind: 'tenant'; readonly tenant: string };

/**
 * `GET /status`: `{ connections }`, every open connection's status. `GET /status/:tenant`:
 * `{ tenant, connections }`, that tenant's (one per provider), 404 when it has none. Other
 * methods on these paths answer 405, other paths 404; every answer is JSON.
 */
export function createStatusHandler(source: StatusSource) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    answer(source, request, response).catch((error: unknown) => {
      // The code only: a message could quote a provider's answer, and a stack helps no client.
      const code = ProvisioningError.is(error) ? error.code : 'internal_error';
      sendJson(response, 500, { error: { code } });
    });
  };
}

async function answer(source: StatusSource, request: IncomingMessage, response: ServerResponse) {
  const route = routeOf(request.url ?? '/');
  if (route === undefined) return sendJson(response, 404, { error: { code: 'not_found' } });
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return sendJson(response, 405, { error: { code: 'method_not_allowed' } });
  }
  const statuses = await source.status();
  if (route.kind === 'all') return sendJson(response, 200, { connections: statuses });
  const connections = statuses.filter((status) => status.tenant === route.tenant);
  if (connections.length === 0) {
    return sendJson(response, 404, { error: { code: 'not_found', tenant: route.tenant } });
  }
  return sendJson(response, 200, { tenant: route.tenant, connections });
}

/** The route of a request target; undefined for any other path (a tenant id that cannot exist too). */
function routeOf(target: string): Route | undefined {
  const path = new URL(target, 'http://status.invalid').pathname.replace(/\/+$/, '');
  if (path === '/status') return { kind: 'all' };
  const match = /^\/status\/([^/]+)$/.exec(path);
  if (match === null) return undefined;
  let tenant: string;
  try {
    tenant = decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
  // Only a well-formed tenant id is echoed back in a 404.
  return TenantId.safeParse(tenant).success ? { kind: 'tenant', tenant } : undefined;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(response.req.method === 'HEAD' ? undefined : text);
}
