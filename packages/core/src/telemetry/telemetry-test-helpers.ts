import type { Attributes } from '@opentelemetry/api';
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  type MetricData,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** An SDK wired to in-memory exporters: what a host's SDK would receive from core. */
export interface TelemetryHarness {
  readonly tracerProvider: BasicTracerProvider;
  readonly meterProvider: MeterProvider;
  spans(): ReadableSpan[];
  span(name: string): ReadableSpan;
  /** Every metric exported so far (one cumulative collection). */
  metrics(): Promise<MetricData[]>;
  /** The data points of `name` whose attributes include `where`. */
  points(name: string, where?: Attributes): Promise<DataPoint<unknown>[]>;
  /** Sum of a counter's points, or count of a histogram's, matching `where`. */
  total(name: string, where?: Attributes): Promise<number>;
  shutdown(): Promise<void>;
}

export function telemetryHarness(): TelemetryHarness {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Exported only when a test asks (forceFlush): the interval is never reached.
  const reader = new PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const metrics = async () => {
    await reader.forceFlush();
    const last = metricExporter.getMetrics().at(-1);
    return last?.scopeMetrics.flatMap((scope) => scope.metrics) ?? [];
  };
  const points = async (name: string, where: Attributes = {}) => {
    const metric = (await metrics()).find((candidate) => candidate.descriptor.name === name);
    const all = (metric?.dataPoints ?? []) as DataPoint<unknown>[];
    return all.filter((point) =>
      Object.entries(where).every(([key, value]) => point.attributes[key] === value),
    );
  };
  return {
    tracerProvider,
    meterProvider,
    spans: () => spanExporter.getFinishedSpans(),
    span(name) {
      const found = spanExporter.getFinishedSpans().filter((span) => span.name === name);
      if (found.length !== 1) throw new Error(`expected one span ${name}, found ${found.length}`);
      return found[0]!;
    },
    metrics,
    points,
    async total(name, where) {
      return (await points(name, where)).reduce(
        (sum, point) =>
          sum + (typeof point.value === 'number' ? point.value : (point.value as Histogram).count),
        0,
      );
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

/** The span's parent span id (SDK 2.x keeps it in `parentSpanContext`). */
export function parentIdOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

/** Every string a span or metric carries: names, attribute values, events, status messages. */
export function recordedStrings(spans: readonly ReadableSpan[], metrics: readonly MetricData[]): string[] {
  const values = (attributes: Attributes) =>
    Object.entries(attributes).flatMap(([key, value]) => [key, JSON.stringify(value)]);
  return [
    ...spans.flatMap((span) => [
      span.name,
      span.status.message ?? '',
      ...values(span.attributes),
      ...span.events.flatMap((event) => [event.name, ...values(event.attributes ?? {})]),
      ...span.links.flatMap((link) => values(link.attributes ?? {})),
    ]),
    ...metrics.flatMap((metric) => [
      metric.descriptor.name,
      metric.descriptor.description,
      ...metric.dataPoints.flatMap((point) => values(point.attributes)),
    ]),
  ];
}
