import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, UnavailableError } from '../errors/error-classes.js';
import {
  call,
  collect,
  type Fake,
  fakeDirectory,
  rejection,
  user,
  wrap,
} from '../middleware/fake-directory-test-helpers.js';
import type { NewUser } from '../model/user.js';
import { TELEMETRY_ATTRIBUTES as A, TELEMETRY_METRICS as M, SEMCONV } from './telemetry-names.js';
import { parentIdOf, type TelemetryHarness, telemetryHarness } from './telemetry-test-helpers.js';
import { bindTraceContext } from './trace-carrier.js';

let harness: TelemetryHarness;
afterEach(async () => {
  await harness?.shutdown();
});

function traced(fake: Fake = fakeDirectory()) {
  harness = telemetryHarness();
  const { tracerProvider, meterProvider } = harness;
  return wrap(fake, { telemetry: { tracerProvider, meterProvider }, tenant: 'acme' });
}

describe('OperationTrace', () => {
  describe('a promise verb', () => {
    it('is one INTERNAL span named after the operation, with provider, tenant and outcome', async () => {
      const directory = traced();
      await directory.getUser({ id: '1' });
      const span = harness.span('provisionkit.getUser');
      expect(span.kind).toBe(SpanKind.INTERNAL);
      expect(span.attributes).toEqual({
        [A.provider]: 'fake',
        [A.tenant]: 'acme',
        [A.operation]: 'getUser',
        [A.outcome]: 'ok',
      });
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
      expect(span.ended).toBe(true);
    });

    it('records a failure as error.type with the error code and an ERROR status', async () => {
      const fake = fakeDirectory();
      fake.getUser.mockRejectedValueOnce(new NotFoundError('no such user'));
      const directory = traced(fake);
      await rejection(directory.getUser({ id: '1' }));
      const span = harness.span('provisionkit.getUser');
      expect(span.attributes[SEMCONV.errorType]).toBe('not_found');
      expect(span.attributes[A.outcome]).toBe('error');
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
    });

    it('records input refused before any I/O (invalid_input, unsupported_operation)', async () => {
      const directory = traced(fakeDirectory({ verbs: ['getUser', 'listUsers'] }));
      await rejection(call(directory, 'getUser', 42));
      await rejection(directory.purgeUser({ id: '1' }));
      expect(harness.span('provisionkit.getUser').attributes[SEMCONV.errorType]).toBe('invalid_input');
      expect(harness.span('provisionkit.purgeUser').attributes[SEMCONV.errorType]).toBe(
        'unsupported_operation',
      );
    });

    it('marks a call aborted by the caller as cancelled', async () => {
      const fake = fakeDirectory();
      const controller = new AbortController();
      fake.getUser.mockImplementationOnce(async () => {
        controller.abort();
        throw new UnavailableError('reset');
      });
      const directory = traced(fake);
      await rejection(directory.getUser({ id: '1' }, { signal: controller.signal }));
      expect(harness.span('provisionkit.getUser').attributes[SEMCONV.errorType]).toBe('cancelled');
    });

    it('records a credential failure that verifyCredentials reports rather than throws', async () => {
      const fake = fakeDirectory();
      fake.verifyCredentials.mockRejectedValueOnce(new UnavailableError('down'));
      const directory = traced(fake);
      expect((await directory.verifyCredentials()).status).toBe('unreachable');
      const span = harness.span('provisionkit.verifyCredentials');
      expect(span.attributes[SEMCONV.errorType]).toBe('unavailable');
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
    });

    it('counts the items of a batch and those that failed', async () => {
      const fake = fakeDirectory();
      fake.createUsers.mockImplementation(async (batch: readonly NewUser[]) => ({
        items: batch.map((item, index) =>
          index === 0
            ? {
                index,
                userName: item.userName,
                ok: true,
                user: user(`n${index}`, { userName: item.userName }),
              }
            : { index, userName: item.userName, ok: false, error: new ConflictError('taken') },
        ),
      }));
      const directory = traced(fake);
      const batch = ['a', 'b', 'c'].map((name) => ({ userName: `${name}@example.com` }));
      await directory.createUsers(batch);
      const span = harness.span('provisionkit.createUsers');
      expect(span.attributes[A.itemCount]).toBe(3);
      // Chunks of two: [ok, conflict] and [ok]
      expect(span.attributes[A.failedItemCount]).toBe(1);
      expect(span.attributes[A.outcome]).toBe('ok');
    });
  });

  describe('listUsers', () => {
    it('is one span covering the whole listing, complete, with the users yielded', async () => {
      const users = Array.from({ length: 5 }, (_, index) => user(String(index)));
      const directory = traced(fakeDirectory({}, users));
      expect(await collect(directory.listUsers())).toHaveLength(5);
      const span = harness.span('provisionkit.listUsers');
      expect(span.attributes[A.itemCount]).toBe(5);
      expect(span.attributes[A.listComplete]).toBe(true);
      expect(span.attributes[A.outcome]).toBe('ok');
    });

    it('ends when the caller breaks out of its loop, marked not complete', async () => {
      const users = Array.from({ length: 5 }, (_, index) => user(String(index)));
      const directory = traced(fakeDirectory({}, users));
      for await (const listed of directory.listUsers()) if (listed.id === '1') break;
      const span = harness.span('provisionkit.listUsers');
      expect(span.attributes[A.itemCount]).toBe(2);
      expect(span.attributes[A.listComplete]).toBe(false);
    });

    it('ends with the error of a failing page and the users yielded before it', async () => {
      const fake = fakeDirectory();
      fake.listUsers.mockImplementation(async function* () {
        yield user('1');
        throw new UnavailableError('page 2 failed');
      });
      const directory = traced(fake);
      await rejection(collect(directory.listUsers()));
      const span = harness.span('provisionkit.listUsers');
      expect(span.attributes[SEMCONV.errorType]).toBe('unavailable');
      expect(span.attributes[A.itemCount]).toBe(1);
      expect(span.attributes[A.listComplete]).toBeUndefined();
    });

    it('ends cancelled when the caller aborts between pages', async () => {
      const controller = new AbortController();
      const directory = traced();
      const error = await rejection(
        (async () => {
          for await (const _listed of directory.listUsers({ signal: controller.signal })) controller.abort();
        })(),
      );
      expect(error.code).toBe('cancelled');
      expect(harness.span('provisionkit.listUsers').attributes[SEMCONV.errorType]).toBe('cancelled');
    });
  });

  describe('parents', () => {
    it('is a child of the span bound to the caller signal, without a context manager', async () => {
      const directory = traced();
      const parent = harness.tracerProvider.getTracer('host').startSpan('host work');
      const signal = bindTraceContext(new AbortController().signal, trace.setSpan(ROOT_CONTEXT, parent));
      await directory.getUser({ id: '1' }, { signal });
      await collect(directory.listUsers({ signal }));
      parent.end();
      const own = parent.spanContext();
      for (const name of ['provisionkit.getUser', 'provisionkit.listUsers']) {
        const span = harness.span(name);
        expect(span.spanContext().traceId).toBe(own.traceId);
        expect(parentIdOf(span)).toBe(own.spanId);
      }
    });

    it('starts a new trace for each call without a parent', async () => {
      const directory = traced();
      await directory.getUser({ id: '1' });
      await directory.getUser({ id: '2' });
      const [first, second] = harness.spans();
      expect(parentIdOf(first!)).toBeUndefined();
      expect(first!.spanContext().traceId).not.toBe(second!.spanContext().traceId);
    });
  });

  describe('metrics', () => {
    it('records each operation in provisionkit.operation.duration, by provider, operation and outcome', async () => {
      const fake = fakeDirectory();
      fake.getUser.mockRejectedValueOnce(new NotFoundError('no such user'));
      const directory = traced(fake);
      await rejection(directory.getUser({ id: '1' }));
      await directory.getUser({ id: '1' });
      await directory.getUser({ id: '1' });
      await collect(directory.listUsers());
      const ok = { [A.provider]: 'fake', [A.operation]: 'getUser', [A.outcome]: 'ok' };
      expect(await harness.total(M.operationDuration, ok)).toBe(2);
      expect(
        await harness.total(M.operationDuration, {
          [A.operation]: 'getUser',
          [SEMCONV.errorType]: 'not_found',
        }),
      ).toBe(1);
      expect(await harness.total(M.operationItems, { [A.operation]: 'listUsers' })).toBe(2);
      const points = await harness.points(M.operationDuration);
      // Tenants stay off metrics: one series per provider, operation and outcome.
      expect(points.every((point) => !(A.tenant in point.attributes))).toBe(true);
    });
  });

  describe('a broken tracer', () => {
    it('never changes the outcome of the operation', async () => {
      const throwing = {
        getTracer: () => {
          throw new Error('tracer exploded');
        },
      };
      const meterProvider = {
        getMeter: () => {
          throw new Error('meter exploded');
        },
      };
      const users = [user('1'), user('2')];
      const directory = wrap(fakeDirectory({}, users), {
        telemetry: { tracerProvider: throwing as never, meterProvider: meterProvider as never },
      });
      expect((await directory.getUser({ id: '1' })).id).toBe('1');
      expect(await collect(directory.listUsers())).toHaveLength(2);
      harness = telemetryHarness();
    });
  });
});
