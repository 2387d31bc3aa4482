import { context, ROOT_CONTEXT, type Span, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { type UserDirectory, wrapDirectory } from '@provisionkit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeDirectory, user } from '../../src/middleware/fake-directory-test-helpers.js';
import { parentIdOf, telemetryHarness } from '../../src/telemetry/telemetry-test-helpers.js';
import { tracedCrew } from './traced-kit.js';

// The context manager most Node hosts register (NodeSDK does): spans follow async code.
beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(() => {
  context.disable();
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

describe('telemetry with AsyncLocalStorageContextManager registered', () => {
  it('puts the operation under the host span active at the call, and the HTTP attempts under it', async () => {
    const crew = await tracedCrew();
    cleanups.push(crew.close);
    const { directory, harness } = crew;
    await directory.createUser({ userName: 'a@crew.test' });
    const host = harness.tracerProvider.getTracer('host').startSpan('host request');
    await context.with(trace.setSpan(ROOT_CONTEXT, host), async () => {
      for await (const _user of directory.listUsers()) {
        // drain
      }
    });
    host.end();
    const listing = harness.span('provisionkit.listUsers');
    expect(parentIdOf(listing)).toBe(host.spanContext().spanId);
    const page = harness.span('GET /members');
    expect(parentIdOf(page)).toBe(listing.spanContext().spanId);
    expect(page.spanContext().traceId).toBe(host.spanContext().traceId);
  });

  it('keeps concurrent operations apart', async () => {
    const crew = await tracedCrew();
    cleanups.push(crew.close);
    const { directory, harness } = crew;
    await Promise.all(['a', 'b', 'c'].map((name) => directory.createUser({ userName: `${name}@crew.test` })));
    const creates = harness.spans().filter((span) => span.name === 'provisionkit.createUser');
    expect(creates).toHaveLength(3);
    for (const create of creates) {
      const children = harness.spans().filter((span) => parentIdOf(span) === create.spanContext().spanId);
      expect(children.map((span) => span.name)).toEqual(['POST /members']);
    }
  });

  it('makes the operation span active in provider code, between pages of a listing too', async () => {
    const harness = telemetryHarness();
    cleanups.push(() => harness.shutdown());
    const seen: Array<Span | undefined> = [];
    const fake = fakeDirectory();
    fake.getUser.mockImplementation(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(trace.getActiveSpan());
      return user('1');
    });
    fake.listUsers.mockImplementation(async function* () {
      seen.push(trace.getActiveSpan());
      await new Promise((resolve) => setTimeout(resolve, 1));
      yield user('1');
      seen.push(trace.getActiveSpan());
      yield user('2');
    });
    const { tracerProvider, meterProvider } = harness;
    const directory = wrapDirectory(fake as unknown as UserDirectory, {
      telemetry: { tracerProvider, meterProvider },
    });
    await directory.getUser({ id: '1' });
    for await (const _user of directory.listUsers()) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const ids = seen.map((span) => span?.spanContext().spanId);
    const get = harness.span('provisionkit.getUser').spanContext().spanId;
    const list = harness.span('provisionkit.listUsers').spanContext().spanId;
    expect(ids).toEqual([get, list, list]);
  });
});
