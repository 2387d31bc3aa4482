import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TelemetryOptions } from '@provisionkit/core';

/**
 * The OpenTelemetry SDK as a host configures it (batched span export, a periodic metric reader),
 * with in-memory exporters that keep everything: what is measured is the SDK's work, not a
 * network's. Passed to the kit, so every operation and HTTP attempt is traced and counted.
 */
export function inMemorySdk(): TelemetryOptions & { spans: InMemorySpanExporter } {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new BatchSpanProcessor(spans, { maxQueueSize: 100_000, maxExportBatchSize: 1_000 })],
  });
  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
  });
  return { tracerProvider, meterProvider: new MeterProvider({ readers: [reader] }), spans };
}
