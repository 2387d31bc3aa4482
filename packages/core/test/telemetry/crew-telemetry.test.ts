import { SpanKind } from '@opentelemetry/api';
import { TELEMETRY_ATTRIBUTES as A, TELEMETRY_METRICS as M, type UserDirectory } from '@provisionkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { SEMCONV } from '../../src/telemetry/telemetry-names.js';
import { parentIdOf } from '../../src/telemetry/telemetry-test-helpers.js';
import { tracedCrew } from './traced-kit.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function open(options: Parameters<typeof tracedCrew>[0] = {}) {
  const crew = await tracedCrew(options);
  cleanups.push(crew.close);
  return crew;
}

async function seed(directory: UserDirectory, count: number): Promise<void> {
  for (let index = 0; index < count; index++) await directory.createUser({ userName: `m${index}@crew.test` });
}

describe('a toolkit-based provider (Crew) with telemetry, no context manager', () => {
  it('makes each HTTP attempt of a listing a CLIENT child of the listing span', async () => {
    const { directory, harness } = await open();
    await seed(directory, 120);
    let listed = 0;
    for await (const _user of directory.listUsers({ pageSize: 50 })) listed++;
    expect(listed).toBe(120);
    const listing = harness.span('provisionkit.listUsers');
    expect(listing.attributes).toMatchObject({
      [A.provider]: 'crew',
      [A.tenant]: 'acme',
      [A.itemCount]: 120,
      [A.listComplete]: true,
    });
    const pages = harness.spans().filter((span) => span.name === 'GET /members');
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      expect(page.kind).toBe(SpanKind.CLIENT);
      expect(parentIdOf(page)).toBe(listing.spanContext().spanId);
      expect(page.spanContext().traceId).toBe(listing.spanContext().traceId);
      expect(page.attributes[SEMCONV.urlFull]).toMatch(/\/v1\/members\?(cursor=REDACTED&)?limit=REDACTED$/);
    }
    // The listing ended after its last page. Compared by the order in which the spans ended, not by
    // their end times: each span anchors its clock on Date.now() when it starts, so two spans' times
    // can disagree under load. The harness's SimpleSpanProcessor exports a span as it ends, so the
    // exporter's order is the order of the ends.
    const ended = harness.spans();
    const listingEnded = ended.indexOf(listing);
    for (const page of pages) expect(ended.indexOf(page)).toBeLessThan(listingEnded);
  });

  it('parents the lookup and the write of an update under the updateUser span', async () => {
    const { directory, harness } = await open();
    await seed(directory, 1);
    await directory.updateUser({ userName: 'm0@crew.test' }, { displayName: 'Mia' });
    const update = harness.span('provisionkit.updateUser');
    const children = harness.spans().filter((span) => parentIdOf(span) === update.spanContext().spanId);
    expect(children.map((span) => span.name)).toEqual(['GET /members/by-login', 'PATCH /members/{id}']);
  });

  it('records retries of throttled requests as resends under the operation', async () => {
    const { directory, harness } = await open({ throttleEvery: 2, retryAfterSeconds: 0 });
    await directory.createUser({ userName: 'a@crew.test' });
    await directory.getUser({ userName: 'a@crew.test' });
    const get = harness.span('provisionkit.getUser');
    const attempts = harness
      .spans()
      .filter((span) => parentIdOf(span) === get.spanContext().spanId)
      .map((span) => [
        span.attributes[SEMCONV.httpResponseStatusCode],
        span.attributes[SEMCONV.httpRequestResendCount],
      ]);
    expect(attempts).toEqual([
      [429, undefined],
      [200, 1],
    ]);
    expect(await harness.total(M.httpClientRetries, { [A.provider]: 'crew' })).toBe(1);
    expect(get.attributes[A.outcome]).toBe('ok');
  });

  it('counts operations and HTTP attempts in metrics that agree with the spans', async () => {
    const { directory, harness } = await open();
    await seed(directory, 3);
    for await (const _user of directory.listUsers()) {
      // drain
    }
    expect(await harness.total(M.operationDuration, { [A.operation]: 'createUser' })).toBe(3);
    expect(await harness.total(M.operationItems, { [A.operation]: 'listUsers' })).toBe(3);
    const attempts = harness.spans().filter((span) => span.kind === SpanKind.CLIENT).length;
    expect(await harness.total(M.httpClientRequestDuration)).toBe(attempts);
    expect(
      await harness.total(M.httpClientRequestDuration, {
        [SEMCONV.httpRequestMethod]: 'POST',
        [SEMCONV.httpResponseStatusCode]: 201,
      }),
    ).toBe(3);
  });
});
