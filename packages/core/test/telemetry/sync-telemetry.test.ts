import { randomUUID } from 'node:crypto';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  TELEMETRY_ATTRIBUTES as A,
  bindTraceContext,
  createMemoryStateStore,
  createProvisionKit,
  TELEMETRY_METRICS as M,
  SyncEngine,
  silentLogger,
  UserDirectory,
} from '@provisionkit/core';
import { createMockProvider, type MockUserDirectory } from '@provisionkit/provider-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SEMCONV } from '../../src/telemetry/telemetry-names.js';
import {
  parentIdOf,
  type TelemetryHarness,
  telemetryHarness,
} from '../../src/telemetry/telemetry-test-helpers.js';
import { crewProvider } from '../rest-provider/crew-provider.js';
import { CrewSandbox } from '../rest-provider/crew-sandbox.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A kit with a memory store whose telemetry goes to an in-memory SDK, and a seeded mock connection. */
async function open(users = 4) {
  const harness = telemetryHarness();
  const { tracerProvider, meterProvider } = harness;
  const kit = createProvisionKit({
    plugins: [createMockProvider()],
    logger: silentLogger(),
    store: createMemoryStateStore(),
    telemetry: { tracerProvider, meterProvider },
  });
  cleanups.push(async () => {
    await kit.close();
    await harness.shutdown();
  });
  const seed = Array.from({ length: users }, (_, i) => ({ userName: `user${i}@acme.example` }));
  const connection = await kit.connect({ provider: 'mock', tenant: 'acme', config: { seed } });
  return { kit, harness, connection, admin: connection.get<MockUserDirectory>(UserDirectory) };
}

function syncSpans(harness: TelemetryHarness) {
  return harness.spans().filter((span) => span.name === 'provisionkit.sync');
}

describe('SyncEngine telemetry', () => {
  it('ends one provisionkit.sync span per run with its id, mode, status and the changes found', async () => {
    const { kit, harness, connection } = await open(4);
    const run = await kit.sync(connection, { mode: 'full' });
    const span = harness.span('provisionkit.sync');
    expect(span.kind).toBe(SpanKind.INTERNAL);
    expect(span.attributes).toMatchObject({
      [A.provider]: 'mock',
      [A.tenant]: 'acme',
      [A.syncRunId]: run.id,
      [A.syncMode]: 'full',
      [A.syncStatus]: 'completed',
      [A.syncCreated]: 4,
      [A.syncUpdated]: 0,
      [A.syncDeleted]: 0,
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(await harness.total(M.syncChanges, { [A.changeKind]: 'created', [A.syncMode]: 'full' })).toBe(4);
    expect(await harness.total(M.syncDuration, { [A.provider]: 'mock', [A.syncStatus]: 'completed' })).toBe(
      1,
    );
  });

  it('makes the listing a child of the run, in full and in changes mode', async () => {
    const { kit, harness, connection, admin } = await open(3);
    await kit.sync(connection, { mode: 'full' });
    // Changed in the provider itself (a write through the connection would be recorded already).
    await admin.updateUser({ userName: 'user1@acme.example' }, { givenName: 'Changed' });
    await kit.sync(connection, { mode: 'changes' });
    const [full, changes] = syncSpans(harness);
    const listing = harness.span('provisionkit.listUsers');
    const changeListing = harness.span('provisionkit.listUsersChangedSince');
    expect(parentIdOf(listing)).toBe(full!.spanContext().spanId);
    expect(listing.spanContext().traceId).toBe(full!.spanContext().traceId);
    expect(parentIdOf(changeListing)).toBe(changes!.spanContext().spanId);
    expect(changeListing.attributes[A.listComplete]).toBe(true);
    expect(changes!.attributes).toMatchObject({ [A.syncMode]: 'changes', [A.syncUpdated]: 1 });
  });

  it('ends a failed run as an error with its code, recording no change', async () => {
    const { kit, harness, connection, admin } = await open(4);
    admin.faults.failNext(1, 'unavailable', { verbs: ['listUsers'], onPage: 1 });
    const run = await kit.sync(connection, { mode: 'full', pageSize: 2 });
    expect(run.status).toBe('failed');
    const span = harness.span('provisionkit.sync');
    expect(span.attributes).toMatchObject({
      [A.syncStatus]: 'failed',
      [SEMCONV.errorType]: 'unavailable',
      [A.syncCreated]: 0,
    });
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(harness.span('provisionkit.listUsers').attributes[SEMCONV.errorType]).toBe('unavailable');
    expect(await harness.total(M.syncChanges)).toBe(0);
    expect(await harness.total(M.syncDuration, { [A.syncStatus]: 'failed' })).toBe(1);
  });

  it('ends an aborted run as failed with error.type cancelled', async () => {
    const { kit, harness, connection } = await open(2);
    const controller = new AbortController();
    controller.abort();
    const run = await kit.sync(connection, { mode: 'full', signal: controller.signal });
    expect(run.reason).toBe('aborted');
    expect(harness.span('provisionkit.sync').attributes).toMatchObject({
      [A.syncStatus]: 'failed',
      [SEMCONV.errorType]: 'cancelled',
    });
  });

  it('ends a held run without an error, with the deletions waiting for approval', async () => {
    const { kit, harness, connection, admin } = await open(10);
    await kit.sync(connection, { mode: 'full' });
    for (let i = 0; i < 4; i++) await admin.purgeUser({ userName: `user${i}@acme.example` });
    const held = await kit.sync(connection, { mode: 'full', massChange: { maxUsers: 1, maxShare: 1 } });
    expect(held.status).toBe('held');
    const span = syncSpans(harness)[1]!;
    expect(span.attributes).toMatchObject({ [A.syncStatus]: 'held', [A.syncDeleted]: 4 });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(await harness.total(M.syncDuration, { [A.syncStatus]: 'held' })).toBe(1);
  });

  it("parents the run under the span carried by the caller's signal", async () => {
    const { kit, harness, connection } = await open(1);
    const host = harness.tracerProvider.getTracer('host').startSpan('nightly job');
    const signal = bindTraceContext(new AbortController().signal, trace.setSpan(context.active(), host));
    await kit.sync(connection, { mode: 'full', signal });
    host.end();
    expect(parentIdOf(harness.span('provisionkit.sync'))).toBe(host.spanContext().spanId);
  });

  it('starts no span for a run refused before it began', async () => {
    const { kit, harness, connection, admin } = await open(10);
    await kit.sync(connection, { mode: 'full' });
    for (let i = 0; i < 4; i++) await admin.purgeUser({ userName: `user${i}@acme.example` });
    await kit.sync(connection, { mode: 'full', massChange: { maxUsers: 1, maxShare: 1 } });
    // A held run blocks the next one: refused with sync_held before any run starts.
    await expect(kit.sync(connection)).rejects.toMatchObject({ code: 'conflict' });
    expect(syncSpans(harness)).toHaveLength(2);
  });

  it('takes telemetry options without a kit, and refuses wrong ones with invalid_input', async () => {
    const harness = telemetryHarness();
    cleanups.push(() => harness.shutdown());
    const store = createMemoryStateStore();
    const { tracerProvider, meterProvider } = harness;
    const engine = new SyncEngine({ store, telemetry: { tracerProvider, meterProvider } });
    const mock = createMockProvider();
    const kit = createProvisionKit({ plugins: [mock], logger: silentLogger() });
    cleanups.push(() => kit.close());
    const connection = await kit.connect({
      provider: 'mock',
      tenant: 'solo',
      config: { seed: [{ userName: 'a@solo.example' }] },
    });
    await engine.sync({ key: { tenant: 'solo', provider: 'mock' }, directory: connection.directory });
    expect(harness.span('provisionkit.sync').attributes[A.tenant]).toBe('solo');
    expect(() => new SyncEngine({ store, telemetry: { tracerProvider: 42 } as never })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

describe('SyncEngine telemetry over HTTP (Crew, no context manager)', () => {
  it('nests the listing and each of its HTTP attempts under the run', async () => {
    const apiToken = `crew_${randomUUID()}`;
    const sandbox = await CrewSandbox.start({ apiToken });
    const harness = telemetryHarness();
    const { tracerProvider, meterProvider } = harness;
    const kit = createProvisionKit({
      plugins: [crewProvider],
      logger: silentLogger(),
      store: createMemoryStateStore(),
      telemetry: { tracerProvider, meterProvider },
    });
    cleanups.push(async () => {
      await kit.close();
      await harness.shutdown();
      await sandbox.stop();
    });
    const connection = await kit.connect({
      provider: 'crew',
      tenant: 'acme',
      config: { baseUrl: sandbox.baseUrl, apiToken },
    });
    for (let i = 0; i < 5; i++) await connection.directory.createUser({ userName: `m${i}@crew.test` });
    const run = await kit.sync(connection, { mode: 'full', pageSize: 2 });
    // The creates through the connection were recorded as they happened: the run finds them unchanged.
    expect(run.counts).toMatchObject({ enumerated: 5, unchanged: 5 });
    const sync = harness.span('provisionkit.sync');
    const listing = harness.span('provisionkit.listUsers');
    const pages = harness.spans().filter((span) => span.name === 'GET /members');
    expect(parentIdOf(listing)).toBe(sync.spanContext().spanId);
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      expect(page.kind).toBe(SpanKind.CLIENT);
      expect(parentIdOf(page)).toBe(listing.spanContext().spanId);
      expect(page.spanContext().traceId).toBe(sync.spanContext().traceId);
    }
    expect(sync.attributes).toMatchObject({ [A.syncStatus]: 'completed', [A.syncCreated]: 0 });
  });
});
