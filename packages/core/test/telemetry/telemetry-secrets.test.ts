import { randomBytes } from 'node:crypto';
import { HttpClient } from '@provisionkit/core/http';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalServer } from '../../src/http/local-server-test-helpers.js';
import { recordedStrings, telemetryHarness } from '../../src/telemetry/telemetry-test-helpers.js';
import { tracedCrew } from './traced-kit.js';

const canary = (label: string) => `${label}_${randomBytes(12).toString('hex')}`;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** No recorded string holds a secret whole, URL-encoded, base64-encoded or any 10 characters of it. */
function expectNoSecret(recorded: readonly string[], secrets: readonly string[]): void {
  expect(recorded.length).toBeGreaterThan(10);
  for (const secret of secrets) {
    const forms = [encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
    const fragments = Array.from({ length: secret.length - 9 }, (_, start) =>
      secret.slice(start, start + 10),
    );
    for (const text of recorded) {
      for (const form of [...forms, ...fragments]) expect(text).not.toContain(form);
    }
  }
}

describe('telemetry and secrets (canary)', () => {
  it('records no token, body secret, header value or query value of a toolkit request', async () => {
    const token = canary('tok');
    const provhash = canary('hash');
    const apiKey = canary('key');
    const login = canary('login');
    const server = await startLocalServer((request, response, body) => {
      // A hostile server echoes everything it got, in the body and in a header.
      response.writeHead(request.url?.includes('fail') ? 500 : 200, {
        'content-type': 'application/json',
        'x-echo': encodeURIComponent(body),
      });
      response.end(JSON.stringify({ url: request.url, body, headers: request.headers }));
    });
    cleanups.push(server.close);
    const harness = telemetryHarness();
    cleanups.push(() => harness.shutdown());
    const { tracerProvider, meterProvider } = harness;
    const http = new HttpClient({
      provider: 'acme',
      baseUrl: `${server.url}/v1`,
      bearerToken: token,
      headers: { 'x-api-key': apiKey },
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      telemetry: { tracerProvider, meterProvider },
    });
    // LastPass carries its credential in the body, as a secret of the request.
    await http.request({
      method: 'POST',
      path: '/enterpriseapi.php',
      json: { cid: 8771312, provhash, cmd: 'getuserdata', data: { username: login } },
      secrets: [provhash],
      idempotent: true,
    });
    await http.request({ method: 'GET', path: '/members/by-login', query: { login, token } });
    await http.request({ method: 'GET', path: '/keys/{key}', params: { key: apiKey } });
    await expect(
      http.request({ method: 'GET', path: '/fail/{hash}', params: { hash: provhash }, secrets: [provhash] }),
    ).rejects.toMatchObject({ code: 'unavailable' });
    expect(harness.spans()).toHaveLength(5);
    expectNoSecret(recordedStrings(harness.spans(), await harness.metrics()), [
      token,
      provhash,
      apiKey,
      login,
    ]);
  });

  it('records no credential or user lookup value of a provider connection, refused or not', async () => {
    const crew = await tracedCrew();
    cleanups.push(crew.close);
    const { directory, harness, apiToken } = crew;
    const login = canary('person');
    await directory.createUser({ userName: `${login}@crew.test` });
    await directory.getUser({ userName: `${login}@crew.test` });
    await expect(directory.getUser({ userName: 'nobody@crew.test' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expectNoSecret(
      recordedStrings(
        harness.spans().filter((span) => span.name.startsWith('GET')),
        await harness.metrics(),
      ),
      [apiToken, login],
    );
    expectNoSecret(recordedStrings(harness.spans(), await harness.metrics()), [apiToken]);
  });
});
