import { SpanStatusCode } from '@opentelemetry/api';
import {
  TELEMETRY_ATTRIBUTES as A,
  createProvisionKit,
  createTelemetry,
  TELEMETRY_METRICS as M,
  Telemetry,
  UserDirectory,
} from '@provisionkit/core';
import { createMockProvider, type MockUserDirectory } from '@provisionkit/provider-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SEMCONV } from '../../src/telemetry/telemetry-names.js';
import { parentIdOf } from '../../src/telemetry/telemetry-test-helpers.js';
import { tracedKit } from './traced-kit.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function open() {
  const traced = tracedKit([createMockProvider()]);
  cleanups.push(traced.close);
  const connection = await traced.kit.connect({
    provider: 'mock',
    tenant: 'globex',
    config: { seed: [{ userName: 'ada@example.com', groups: ['eng'] }, { userName: 'bob@example.com' }] },
  });
  const raw = connection.get<MockUserDirectory>(UserDirectory);
  return { ...traced, directory: connection.directory, raw };
}

describe('the mock provider through a kit with telemetry', () => {
  it('gives every operation of the connection a span with its tenant and provider', async () => {
    const { directory, harness } = await open();
    await directory.createUser({ userName: 'cy@example.com' });
    const listed = [];
    for await (const user of directory.listUsers({ group: 'eng' })) listed.push(user);
    await directory.suspendUser({ userName: 'bob@example.com' });
    expect(harness.spans().map((span) => span.name)).toEqual([
      'provisionkit.createUser',
      'provisionkit.listUsers',
      'provisionkit.suspendUser',
    ]);
    for (const span of harness.spans()) {
      expect(span.attributes).toMatchObject({
        [A.provider]: 'mock',
        [A.tenant]: 'globex',
        [A.outcome]: 'ok',
      });
    }
    expect(harness.span('provisionkit.listUsers').attributes[A.itemCount]).toBe(listed.length);
  });

  it('records a rate-limited call as rate_limited in its span and in the operation metrics', async () => {
    const { directory, harness, raw } = await open();
    raw.faults.rateLimitNext(1, 1_000);
    await expect(directory.getUser({ userName: 'ada@example.com' })).rejects.toMatchObject({
      code: 'rate_limited',
    });
    await directory.getUser({ userName: 'ada@example.com' });
    const [limited, ok] = harness.spans();
    expect(limited!.attributes[SEMCONV.errorType]).toBe('rate_limited');
    expect(limited!.status.code).toBe(SpanStatusCode.ERROR);
    expect(ok!.attributes[SEMCONV.errorType]).toBeUndefined();
    expect(
      await harness.total(M.operationDuration, {
        [A.provider]: 'mock',
        [A.operation]: 'getUser',
        [SEMCONV.errorType]: 'rate_limited',
      }),
    ).toBe(1);
    expect(await harness.total(M.operationDuration, { [A.operation]: 'getUser', [A.outcome]: 'ok' })).toBe(1);
  });

  it('binds the kit telemetry in the root container, with the host providers', async () => {
    const { kit, harness } = await open();
    const bound = kit.container.get<Telemetry>(Telemetry);
    expect(bound).toBe(kit.telemetry);
    expect(bound.tracerProvider).toBe(harness.tracerProvider);
    expect(bound.meterProvider).toBe(harness.meterProvider);
  });

  it('nests the operations of a sync run under its span through the bound signal', async () => {
    const { kit, directory, harness } = await open();
    const run = kit.telemetry.startSyncRun({
      provider: 'mock',
      tenant: 'globex',
      runId: 'run_1',
      mode: 'full',
    });
    const signal = run.bind(new AbortController().signal);
    let seen = 0;
    for await (const _user of directory.listUsers({ signal })) seen++;
    run.recordChanges({ created: seen, deleted: 0 });
    run.end({ status: 'completed' });
    const sync = harness.span('provisionkit.sync');
    expect(parentIdOf(harness.span('provisionkit.listUsers'))).toBe(sync.spanContext().spanId);
    expect(sync.attributes).toMatchObject({
      [A.syncRunId]: 'run_1',
      [A.syncStatus]: 'completed',
      [A.syncCreated]: 2,
      [A.syncDeleted]: 0,
    });
    expect(await harness.total(M.syncChanges, { [A.changeKind]: 'created', [A.provider]: 'mock' })).toBe(2);
    expect(await harness.total(M.syncDuration, { [A.syncStatus]: 'completed' })).toBe(1);
  });

  it('refuses telemetry options of the wrong shape with invalid_input naming the field', () => {
    const bad = [
      [{ tracerProvider: { getTracer: 'no' } }, 'telemetry.tracerProvider'],
      [{ meterProvider: 42 }, 'telemetry.meterProvider'],
      [true, 'telemetry'],
    ] as const;
    for (const [telemetry, path] of bad) {
      const build = () => createProvisionKit({ plugins: [], telemetry: telemetry as never });
      expect(build).toThrow(expect.objectContaining({ code: 'invalid_input' }));
      expect(build).toThrow(path);
      expect(() => createTelemetry(telemetry as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });
});
