import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../errors/error-classes.js';
import type { HttpClientOptionsInput } from '../http/client-options.js';
import { HttpClient } from '../http/http-client.js';
import type { HttpRequest } from '../http/http-request.js';
import { type LocalServer, startLocalServer } from '../http/local-server-test-helpers.js';
import type { HttpSender } from '../http/senders/sender.js';
import { VirtualClock } from '../testing/virtual-clock.js';
import { TELEMETRY_ATTRIBUTES as A, TELEMETRY_METRICS as M, SEMCONV } from './telemetry-names.js';
import { parentIdOf, type TelemetryHarness, telemetryHarness } from './telemetry-test-helpers.js';
import { bindTraceContext } from './trace-carrier.js';

let harness: TelemetryHarness;
let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await harness.shutdown();
});

/** A server answering each request with the next status of `script` (then 200), JSON bodies. */
async function scripted(script: number[] = [], headers: Record<string, string> = {}) {
  server = await startLocalServer((_request, response) => {
    const status = script.shift() ?? 200;
    if (status === 0) return; // never answers: the client times out
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(status === 200 ? '{"id":"a/1","login":"mia"}' : '{"error":"nope"}');
  });
  return server;
}

function client(base: LocalServer, options: Partial<HttpClientOptionsInput> = {}) {
  harness = telemetryHarness();
  const { tracerProvider, meterProvider } = harness;
  return new HttpClient({
    provider: 'acme',
    baseUrl: `${base.url}/v1`,
    bearerToken: 'tok_9f8e7d6c5b4a39281706',
    retry: { maxAttempts: 1 },
    telemetry: { tracerProvider, meterProvider },
    ...options,
  });
}

const GET_MEMBER: HttpRequest<unknown> = {
  method: 'GET',
  path: '/members/{id}',
  params: { id: 'a/1' },
  query: { cursor: 'c-42', limit: 2 },
};

describe('HttpRequestTrace', () => {
  describe('a successful attempt', () => {
    it('is a CLIENT span with the stable HTTP attributes and the path template in its name', async () => {
      const base = await scripted();
      await client(base).request(GET_MEMBER);
      const span = harness.span('GET /members/{id}');
      const port = Number(new URL(base.url).port);
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.attributes).toEqual({
        [SEMCONV.httpRequestMethod]: 'GET',
        [SEMCONV.serverAddress]: '127.0.0.1',
        [SEMCONV.serverPort]: port,
        [SEMCONV.urlFull]: `http://127.0.0.1:${port}/v1/members/a%2F1?cursor=REDACTED&limit=REDACTED`,
        [SEMCONV.urlTemplate]: '/members/{id}',
        [SEMCONV.httpResponseStatusCode]: 200,
        [A.provider]: 'acme',
      });
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
    });

    it('records http.client.request.duration with method, server, status and provider', async () => {
      const base = await scripted();
      const http = client(base);
      await http.request(GET_MEMBER);
      await http.request(GET_MEMBER);
      const [point, ...others] = await harness.points(M.httpClientRequestDuration);
      expect(others).toEqual([]);
      expect(point!.attributes).toEqual({
        [SEMCONV.httpRequestMethod]: 'GET',
        [SEMCONV.serverAddress]: '127.0.0.1',
        [SEMCONV.serverPort]: Number(new URL(base.url).port),
        [SEMCONV.httpResponseStatusCode]: 200,
        [A.provider]: 'acme',
      });
      expect(await harness.total(M.httpClientRequestDuration)).toBe(2);
      // Each attempt passes the limiter once, waiting or not.
      expect(await harness.total(M.httpClientLimiterWaitTime)).toBe(2);
      expect(await harness.total(M.httpClientRetries)).toBe(0);
    });
  });

  describe('an answer held for its reader (readAfter)', () => {
    it('leaves the wait out of http.client.request.duration and ends the span no earlier than it began', async () => {
      let arrived = (): void => undefined;
      const bodyIn = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const sender: HttpSender = async () => ({
        status: 200,
        headers: new Headers({ 'content-type': 'application/json' }),
        body: (async function* () {
          yield new TextEncoder().encode('{"id":"a/1"}');
          arrived();
        })(),
      });
      const clock = new VirtualClock();
      const http = client(await scripted(), { clock, sender });
      let open = (): void => undefined;
      const readAfter = new Promise<void>((resolve) => {
        open = resolve;
      });
      const pending = http.request({ ...GET_MEMBER, readAfter });
      await bodyIn;
      // A minute of the caller's time passes before the received body is read.
      await clock.advance(60_000);
      open();
      await expect(pending).resolves.toEqual({ id: 'a/1' });
      const [point] = await harness.points(M.httpClientRequestDuration);
      expect((point!.value as { sum: number }).sum).toBeLessThan(1);
      const span = harness.span('GET /members/{id}');
      const ms = ([seconds, nanos]: readonly [number, number]) => seconds * 1_000 + nanos / 1e6;
      expect(ms(span.endTime)).toBeGreaterThanOrEqual(ms(span.startTime));
    });
  });

  describe('retries', () => {
    it('gives each attempt its own span, the resends with http.request.resend_count', async () => {
      const base = await scripted([429, 503], { 'retry-after': '0' });
      const http = client(base, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } });
      await http.request(GET_MEMBER);
      const spans = harness.spans();
      expect(spans.map((span) => span.attributes[SEMCONV.httpResponseStatusCode])).toEqual([429, 503, 200]);
      expect(spans.map((span) => span.attributes[SEMCONV.errorType])).toEqual(['429', '503', undefined]);
      expect(spans.map((span) => span.attributes[SEMCONV.httpRequestResendCount])).toEqual([undefined, 1, 2]);
      expect(spans.map((span) => span.status.code)).toEqual([
        SpanStatusCode.ERROR,
        SpanStatusCode.ERROR,
        SpanStatusCode.UNSET,
      ]);
      expect(await harness.total(M.httpClientRetries, { [A.provider]: 'acme' })).toBe(2);
      expect(await harness.total(M.httpClientRequestDuration, { [SEMCONV.errorType]: '429' })).toBe(1);
    });
  });

  describe('error.type', () => {
    it('is the reason when no status says it: timeout, redirect, a reader refusing a 200', async () => {
      const base = await scripted([0, 302]);
      const http = client(base, { timeoutMs: 100 });
      const refuse = async () => {
        throw new AuthenticationError('refused in the body', { provider: 'acme' });
      };
      await expect(http.request(GET_MEMBER)).rejects.toMatchObject({ code: 'unavailable' });
      await expect(http.request(GET_MEMBER)).rejects.toMatchObject({ code: 'provider_error' });
      await expect(http.request({ ...GET_MEMBER, read: refuse })).rejects.toMatchObject({
        code: 'authentication',
      });
      const spans = harness.spans();
      expect(spans.map((span) => span.attributes[SEMCONV.errorType])).toEqual([
        'timeout',
        'redirect',
        'authentication',
      ]);
      expect(spans.map((span) => span.attributes[SEMCONV.httpResponseStatusCode])).toEqual([
        undefined,
        302,
        200,
      ]);
    });

    it('is cancelled when the caller aborts the attempt', async () => {
      const base = await scripted([0]);
      const controller = new AbortController();
      const pending = client(base).request({ ...GET_MEMBER, signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
      expect(harness.spans().map((span) => span.attributes[SEMCONV.errorType])).toEqual(['cancelled']);
    });
  });

  describe('parents', () => {
    it('takes the explicit traceContext of the request', async () => {
      const base = await scripted();
      const http = client(base);
      const parent = harness.tracerProvider.getTracer('host').startSpan('host');
      await http.request({ ...GET_MEMBER, traceContext: trace.setSpan(ROOT_CONTEXT, parent) });
      parent.end();
      expect(parentIdOf(harness.span('GET /members/{id}'))).toBe(parent.spanContext().spanId);
    });

    it('finds the span bound to its signal, without a context manager', async () => {
      const base = await scripted();
      const http = client(base);
      const parent = harness.tracerProvider.getTracer('host').startSpan('host');
      const signal = bindTraceContext(new AbortController().signal, trace.setSpan(ROOT_CONTEXT, parent));
      await http.request({ ...GET_MEMBER, signal });
      parent.end();
      const span = harness.span('GET /members/{id}');
      expect(parentIdOf(span)).toBe(parent.spanContext().spanId);
      expect(span.spanContext().traceId).toBe(parent.spanContext().traceId);
    });

    it('is a root span with neither', async () => {
      const base = await scripted();
      await client(base).request(GET_MEMBER);
      expect(parentIdOf(harness.span('GET /members/{id}'))).toBeUndefined();
    });
  });

  describe('operation', () => {
    it('puts the request operation (an RPC command) on its spans, not on metrics', async () => {
      const base = await scripted();
      await client(base).request({
        method: 'POST',
        path: '/enterpriseapi.php',
        json: {},
        operation: 'getuserdata',
      });
      expect(harness.span('POST /enterpriseapi.php').attributes[A.httpOperation]).toBe('getuserdata');
      const [point] = await harness.points(M.httpClientRequestDuration);
      expect(point!.attributes[A.httpOperation]).toBeUndefined();
    });
  });

  describe('names', () => {
    it('is the method alone for an absolute URL (a Link next page), with no url.template', async () => {
      const base = await scripted();
      await client(base).request({ method: 'GET', path: `${base.url}/v1/members?page=2` });
      const span = harness.span('GET');
      expect(span.attributes[SEMCONV.urlTemplate]).toBeUndefined();
      expect(span.attributes[SEMCONV.urlFull]).toMatch(/\/v1\/members\?page=REDACTED$/);
    });
  });

  describe('options', () => {
    it('refuses telemetry that is not a pair of providers with invalid_input naming the field', async () => {
      const base = await scripted();
      harness = telemetryHarness();
      for (const [telemetry, path] of [
        [{ tracerProvider: {} }, 'options.telemetry.tracerProvider'],
        [{ meterProvider: 'meter' }, 'options.telemetry.meterProvider'],
        ['on', 'options.telemetry'],
      ] as const) {
        const build = () =>
          new HttpClient({ provider: 'acme', baseUrl: base.url, telemetry: telemetry as never });
        expect(build).toThrow(expect.objectContaining({ code: 'invalid_input' }));
        expect(() => build()).toThrow(path);
      }
    });

    it('refuses a traceContext that is not a Context', async () => {
      const base = await scripted();
      const http = client(base);
      await expect(http.request({ ...GET_MEMBER, traceContext: {} as never })).rejects.toMatchObject({
        code: 'invalid_input',
      });
    });
  });
});
