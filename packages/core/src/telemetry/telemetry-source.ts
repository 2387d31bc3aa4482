import { type MeterProvider, metrics, type Tracer, type TracerProvider, trace } from '@opentelemetry/api';
import { createInstruments, type Instruments } from './instruments.js';
import { TELEMETRY_SCOPE } from './telemetry-names.js';

/**
 * Where core's spans and metrics go: a tracer and the instruments of one meter. Without providers
 * it follows the global API providers, so an SDK registered after the kit was built is still
 * used; with none registered every call is the API's no-op.
 */
export class TelemetrySource {
  readonly tracerProvider: TracerProvider | undefined;
  readonly meterProvider: MeterProvider | undefined;
  #tracer: Tracer | undefined;
  #instruments: Instruments | undefined;

  constructor(tracerProvider: TracerProvider | undefined, meterProvider: MeterProvider | undefined) {
    this.tracerProvider = tracerProvider;
    this.meterProvider = meterProvider;
  }

  // The global tracer is the API's proxy, which finds an SDK registered later on its own.
  get tracer(): Tracer {
    this.#tracer ??= (this.tracerProvider ?? trace).getTracer(TELEMETRY_SCOPE);
    return this.#tracer;
  }

  // The API has no proxy meter: the global provider is looked up on each use (a map lookup).
  get instruments(): Instruments {
    if (this.meterProvider === undefined) return instrumentsOf(metrics.getMeterProvider());
    this.#instruments ??= createInstruments(this.meterProvider.getMeter(TELEMETRY_SCOPE));
    return this.#instruments;
  }
}

const globalInstruments = new WeakMap<MeterProvider, Instruments>();

function instrumentsOf(provider: MeterProvider): Instruments {
  let found = globalInstruments.get(provider);
  if (found === undefined) {
    found = createInstruments(provider.getMeter(TELEMETRY_SCOPE));
    globalInstruments.set(provider, found);
  }
  return found;
}

const GLOBAL = new TelemetrySource(undefined, undefined);
// One source per pair of providers, so instruments are made once however many clients share them.
const sources = new WeakMap<object, WeakMap<object, TelemetrySource>>();
const NONE = {};

/** The source for these providers (undefined: the global ones), shared by everyone who asks. */
export function telemetrySource(
  tracerProvider: TracerProvider | undefined,
  meterProvider: MeterProvider | undefined,
): TelemetrySource {
  if (tracerProvider === undefined && meterProvider === undefined) return GLOBAL;
  const byTracer = tracerProvider ?? NONE;
  let byMeter = sources.get(byTracer);
  if (byMeter === undefined) {
    byMeter = new WeakMap();
    sources.set(byTracer, byMeter);
  }
  let source = byMeter.get(meterProvider ?? NONE);
  if (source === undefined) {
    source = new TelemetrySource(tracerProvider, meterProvider);
    byMeter.set(meterProvider ?? NONE, source);
  }
  return source;
}

/** Follows the global API providers. */
export function globalTelemetrySource(): TelemetrySource {
  return GLOBAL;
}
