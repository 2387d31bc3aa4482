// The telemetry example of packages/core/README.md runs here: the README quotes these lines
// verbatim (checked below), so the pasted wiring works.
import { readFileSync } from 'node:fs';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createProvisionKit, silentLogger } from '@provisionkit/core';
import { createMockProvider } from '@provisionkit/provider-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { quotedLines } from '../support/quoted-lines.js';

const mockProvider = createMockProvider();
afterAll(() => context.disable());

describe('README telemetry example', () => {
  it('wires an SDK and records a span per operation', async () => {
    // Optional: lets spans follow async code (providers' own spans, other instrumentations).
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const spans = new InMemorySpanExporter(); // an OTLP exporter in production
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(spans)] });
    const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const meterProvider = new MeterProvider({
      readers: [new PeriodicExportingMetricReader({ exporter: metricExporter })],
    });
    const kit = createProvisionKit({
      plugins: [mockProvider],
      logger: silentLogger(),
      telemetry: { tracerProvider, meterProvider }, // default: the global providers
    });

    const acme = await kit.connect({ provider: 'mock', tenant: 'acme', config: {} });
    await acme.directory.createUser({ userName: 'ada@example.com' });
    await kit.close();
    await tracerProvider.forceFlush();
    expect(spans.getFinishedSpans().map((span) => span.name)).toEqual(['provisionkit.createUser']);
    await meterProvider.shutdown();
    await tracerProvider.shutdown();
  });

  it('is quoted in packages/core/README.md', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block =
      /<!-- excerpt: packages\/core\/test\/telemetry\/readme-example.test.ts -->\n```ts\n([\s\S]*?)\n```/.exec(
        readme,
      );
    expect(block).not.toBeNull();
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    expect(quotedLines(source)).toContain(quotedLines(block![1]!));
  });
});
