// inversify's decorators store their metadata through the Reflect metadata API. Core's main entry
// loads the polyfill here, so a provider module (which imports core first) can use `@injectable()`.
import 'reflect-metadata';
import { Container } from 'inversify';
import { UnavailableError } from '../errors/error-classes.js';
import { DEFAULT_EVENT_RETENTION_DAYS } from '../events/event-query.js';
import { systemHealthClock } from '../health/health-clock.js';
import { parseHealthOptions } from '../health/health-options.js';
import { HealthTracker } from '../health/health-tracker.js';
import { KitHealthService } from '../health/kit-health.js';
import { QuarantineGate } from '../health/quarantine-gate.js';
import { createLogger } from '../logging/create-logger.js';
import { secretValuesOf } from '../redaction/secret-values.js';
import type { ConnectionContext } from '../spi/provider-plugin.js';
import { StateStore } from '../state/state-store.js';
import { createTelemetry, Telemetry } from '../telemetry/telemetry.js';
import { findPlugin, parseConnectInput, parseKitOptions } from './kit-options.js';
import { KitState } from './kit-state.js';
import { Logger } from './logger.js';
import { openConnection } from './open-connection.js';
import { parseConnectionConfig } from './parse-config.js';
import {
  type ConnectInput,
  type Connection,
  ProviderPlugins,
  ProvisionKit,
  type ProvisionKitOptions,
} from './provision-kit.js';

/**
 * The composition root: one root container holding the plugins and the root logger, from which
 * each `connect()` opens an isolated child container for one tenant and provider.
 */
export function createProvisionKit(options: ProvisionKitOptions): ProvisionKit {
  const {
    plugins: registrations,
    logger,
    onOperation,
    telemetry: telemetryOptions,
    store,
    eventRetentionDays,
    health: healthOptions,
  } = parseKitOptions(options);
  const rootLogger = logger ?? createLogger();
  const telemetry = createTelemetry(telemetryOptions);
  const { policy, clock = systemHealthClock, random = Math.random } = parseHealthOptions(healthOptions);
  const tracker = new HealthTracker({ store, policy, random, clock, logger: rootLogger, telemetry });
  const health = new KitHealthService({ tracker, store, clock, random, telemetry });
  const state = new KitState({
    store,
    retentionDays: eventRetentionDays ?? DEFAULT_EVENT_RETENTION_DAYS,
    logger: rootLogger,
    telemetry,
  });
  const root = new Container();
  const open = new Set<Connection>();
  let opened = 0;
  let closed = false;

  const kit: ProvisionKit = {
    container: root,
    plugins: Object.freeze(registrations.map((registration) => registration.plugin)),
    telemetry,
    health,
    status: () => health.statuses(),
    async connect(input: ConnectInput): Promise<Connection> {
      if (closed) throw new UnavailableError('The provision kit is closed');
      const { provider, tenant, config: rawConfig, sync } = parseConnectInput(input);
      const registration = findPlugin(registrations, provider);
      const { plugin } = registration;
      const config = await parseConnectionConfig(plugin, rawConfig);
      opened += 1;
      const context: ConnectionContext = Object.freeze({
        tenant,
        provider: plugin.id,
        connectionId: `${plugin.id}:${tenant}:${opened}`,
      });
      const key = { tenant, provider: plugin.id };
      const secrets = [
        ...secretValuesOf(plugin.configSchema, config),
        ...secretValuesOf(plugin.configSchema, rawConfig),
      ];
      // A quarantined connection stays slowed after a restart: its record is read before it opens.
      if (store !== undefined) await tracker.current(key);
      const gate = new QuarantineGate({
        provider: plugin.id,
        isQuarantined: () => tracker.cached(key)?.state === 'quarantined',
        policy,
        clock,
      });
      const connection = await openConnection({
        root,
        rootLogger,
        registration,
        context,
        rawConfig,
        config,
        onOperation: (event) => {
          if (event.errorCode !== 'unavailable' || !gate.claimRefusal()) tracker.observeOperation(key, event);
          onOperation?.(event);
        },
        telemetry,
        onClose: (closing) => {
          open.delete(closing);
          health.unregister(closing);
        },
        onUserWrite: state.writeRecorder(key, secrets),
        gate,
        status: (connection) => health.status(connection),
      });
      state.register(connection, { key, secrets, settings: sync });
      health.register(connection, key);
      open.add(connection);
      return connection;
    },
    plan: (input) => state.plan(input),
    apply: (plan, applyOptions) => state.apply(plan, applyOptions),
    sync: (connection, syncOptions) => state.sync(connection, syncOptions),
    approveSync: (runId) => state.approveSync(runId),
    rejectSync: (runId) => state.rejectSync(runId),
    listSyncRuns: (query) => state.listSyncRuns(query),
    listSyncChanges: (runId, query) => state.listSyncChanges(runId, query),
    listEvents: (query) => state.listEvents(query),
    pruneEvents: () => state.pruneEvents(),
    async close(): Promise<void> {
      closed = true;
      const results = await Promise.allSettled([...open].map((connection) => connection.close()));
      const failure = results.find((result) => result.status === 'rejected');
      if (failure !== undefined) throw failure.reason;
    },
  };

  root.bind(Logger).toConstantValue(rootLogger);
  root.bind(ProviderPlugins).toConstantValue(kit.plugins);
  root.bind(ProvisionKit).toConstantValue(kit);
  root.bind(Telemetry).toConstantValue(telemetry);
  // Providers and host services resolve it like any other root binding (`@inject(StateStore)`).
  if (store !== undefined) root.bind(StateStore).toConstantValue(store);
  return kit;
}
