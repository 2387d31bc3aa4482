import 'reflect-metadata';
import {
  type Connection,
  createMemoryStateStore,
  createProvisionKit,
  createWebhookDispatcher,
  readDesiredUsers,
  silentLogger,
} from '@provisionkit/core';
// The quickstart's receiver, as a customer would run it (node:http, the raw body verified).
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '@provisionkit/example-quickstart/webhook-receiver';
import { lastpassProvider } from '@provisionkit/provider-lastpass';
import { startLastPassSimulator } from '@provisionkit/provider-lastpass/testing';
import { createMockProvider } from '@provisionkit/provider-mock';
import { CUSTOMERS } from './customers.js';

export interface TenantReport {
  readonly tenant: string;
  readonly provider: string;
  readonly applied: string;
  /** Event types the tenant's own receiver got and verified, in log order. */
  readonly received: readonly string[];
  /** Tenants named by the events that receiver got (only its own, if tenants are kept apart). */
  readonly tenantsSeen: readonly string[];
  readonly credentials: string;
  readonly snapshotUsers: number;
  readonly lastSync: string;
}

/**
 * A platform serving two customers on two providers from one kit: Acme on LastPass (a local
 * simulator here), Globex on the in-memory mock. Each customer's HR list is planned and applied to
 * its own connection; each customer subscribes its own webhook endpoint, which receives only its
 * events, signed and verified; then the status of every connection.
 */
export async function runMultiTenant(log: (line: string) => void = () => undefined): Promise<TenantReport[]> {
  const simulator = await startLastPassSimulator({ seed: { users: 4, random: 11 } });
  const store = createMemoryStateStore();
  const kit = createProvisionKit({
    plugins: [lastpassProvider, createMockProvider()],
    logger: silentLogger(),
    store,
  });
  // Real endpoints must be https on public addresses; this host allows its local receivers.
  const dispatcher = createWebhookDispatcher({
    store,
    urlPolicy: { allowHttp: true, allowPrivateNetworks: ['127.0.0.1'] },
  });
  const receivers: WebhookReceiver[] = [];
  try {
    const reports: TenantReport[] = [];
    const opened: { tenant: string; provider: string; connection: Connection; receiver: WebhookReceiver }[] =
      [];
    for (const customer of CUSTOMERS) {
      const config =
        customer.provider === 'lastpass'
          ? {
              ...simulator.credentials,
              baseUrl: simulator.url,
              limits: { maxConcurrent: 4, requestsPerSecond: 200 },
            }
          : {
              apiKey: 'globex-api-key-0001',
              seed: [{ userName: 'homer@globex.example', givenName: 'Homer' }],
            };
      const connection = await kit.connect({ provider: customer.provider, tenant: customer.tenant, config });
      let secret = '';
      const receiver = await startWebhookReceiver(() => secret);
      receivers.push(receiver);
      ({ secret } = await dispatcher.endpoints.subscribe({ tenant: customer.tenant, url: receiver.url }));
      opened.push({ tenant: customer.tenant, provider: customer.provider, connection, receiver });
      await kit.sync(connection); // what the directory holds before the platform changes anything
    }
    for (const [index, { tenant, provider, connection }] of opened.entries()) {
      const plan = await kit.plan({
        desired: readDesiredUsers([...CUSTOMERS[index]!.desired]),
        connections: [connection],
        policy: { unmatched: 'suspend' },
      });
      const result = await kit.apply(plan, { connections: [connection], approveMassChange: true });
      log(
        `${tenant}/${provider}: ${result.status}, ${result.done} of ${result.total} actions (${JSON.stringify(plan.counts)})`,
      );
      reports.push({ tenant, provider, applied: result.status } as TenantReport);
    }
    for (const { connection } of opened) await kit.sync(connection);
    // A host runs `dispatcher.start()` in the background; rounds until nothing is due are enough here.
    while ((await dispatcher.deliverDue()).attempted > 0);
    return await Promise.all(
      opened.map(async ({ tenant, provider, connection, receiver }, index) => {
        const check = await connection.directory.verifyCredentials();
        const [lastSync] = await kit.listSyncRuns({ tenant, provider, limit: 1 });
        const report: TenantReport = {
          ...reports[index]!,
          // Deliveries run in parallel: `sequence` restores the log's order.
          received: [...receiver.events].sort((a, b) => a.sequence - b.sequence).map((event) => event.type),
          tenantsSeen: [...new Set(receiver.events.map((event) => event.tenant))],
          credentials: check.status,
          snapshotUsers: await store.countSnapshotRows({ tenant, provider }),
          lastSync: lastSync?.status ?? 'never',
        };
        log(
          `${tenant}/${provider}: webhook endpoint verified ${report.received.length} events (tenants: ${report.tenantsSeen.join(', ')}); credentials ${report.credentials}, ${report.snapshotUsers} users in the snapshot, last sync ${report.lastSync}`,
        );
        return report;
      }),
    );
  } finally {
    await kit.close();
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await simulator.close();
  }
}
