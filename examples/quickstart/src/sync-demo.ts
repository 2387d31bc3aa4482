// What changed behind provisionkit's back: after the quickstart's writes, an admin works in the
// LastPass console (here: the simulator's state, changed directly), a sync finds it, and the
// events reach a webhook receiver, signed, from the event log.
import {
  type Connection,
  createWebhookDispatcher,
  type ProvisionEvent,
  type ProvisionKit,
  type StateStore,
} from '@provisionkit/core';
import type { LastPassSimulator } from '@provisionkit/provider-lastpass/testing';
import { startWebhookReceiver } from './webhook-receiver.js';

export async function showSync(
  kit: ProvisionKit,
  store: StateStore,
  connection: Connection,
  simulator: LastPassSimulator,
): Promise<void> {
  const tenant = connection.context.tenant;
  // The first run announces every user (and finds the writes made above already recorded).
  await kit.sync(connection);
  const { events: before } = await kit.listEvents({ tenant, limit: 1000 });
  const cursor = before.at(-1)?.cursor ?? '0';

  // The customer's endpoint: a local receiver. Real endpoints must be https on public addresses;
  // this host allows http on 127.0.0.1 for the demo.
  const dispatcher = createWebhookDispatcher({
    store,
    urlPolicy: { allowHttp: true, allowPrivateNetworks: ['127.0.0.1'] },
  });
  let secret = '';
  const receiver = await startWebhookReceiver(() => secret);
  ({ secret } = await dispatcher.endpoints.subscribe({ tenant, url: receiver.url }));
  try {
    simulator.state.renameUser('peter@initech.example', 'peter.gibbons@initech.example');
    simulator.state.patchUser('peter.gibbons@initech.example', { fullname: 'Peter R. Gibbons' });
    simulator.state.addUser({ username: 'milton@initech.example', fullname: 'Milton Waddams' });
    simulator.state.removeUser('joanna@initech.example', 'deleted');

    let run = await kit.sync(connection, { mode: 'full' });
    console.log(`\ninitech sync: ${run.status} ${JSON.stringify(run.counts)}`);
    if (run.status === 'held') {
      // One deletion out of a handful of users is over the guard's 10%: a person approves it.
      console.log(
        `  held: ${run.guard?.changes} deletion(s) or suspension(s), limit ${run.guard?.limit}; approving`,
      );
      run = await kit.approveSync(run.id);
      console.log(`  ${run.status}`);
    }
    const { events } = await kit.listEvents({ tenant, after: cursor, limit: 1000 });
    console.log('initech events since the first sync:');
    for (const event of events) console.log(`  #${event.sequence} ${describe(event)}`);

    // A host runs `dispatcher.start()` in the background; one round is enough here.
    const round = await dispatcher.deliverDue();
    await fetch(receiver.url, { method: 'POST', body: JSON.stringify(events[0]), headers: forged() });
    console.log(
      `\nwebhooks: ${round.succeeded} delivered; the receiver verified ${receiver.events.length} and refused ${receiver.refused.length} forged (${receiver.refused.join(', ')}):`,
    );
    for (const event of receiver.events)
      console.log(`  ${event.id.slice(0, 12)}… #${event.sequence} ${event.type}`);
  } finally {
    await dispatcher.stop();
    await receiver.close();
  }
}

/** Headers of a request someone without the secret made up. */
function forged(): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': 'evt_forged',
    'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
    'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}`,
  };
}

function describe(event: ProvisionEvent): string {
  switch (event.type) {
    case 'user.created':
      return `user.created ${event.data.user.userName} (${event.source})`;
    case 'user.updated':
      return `user.updated ${event.data.user.userName}: ${event.data.changes.map((change) => `${change.field} ${JSON.stringify(change.before)} -> ${JSON.stringify(change.after)}`).join(', ')} (${event.source})`;
    case 'user.deleted':
      return `user.deleted ${event.data.user.userName} (${event.source})`;
    case 'webhook.disabled':
      return `webhook.disabled ${event.data.host} (${event.data.reason})`;
    case 'connection.unhealthy':
    case 'connection.quarantined':
      return `${event.type} (${event.data.error.code} on ${event.data.error.operation})`;
    case 'connection.recovered':
      return `connection.recovered from ${event.data.from}`;
    case 'connection.operation_failing':
    case 'connection.operation_recovered':
      return `${event.type} ${event.data.operation} (${event.data.consecutiveFailures} failures in a row)`;
    default:
      return `${event.type} ${JSON.stringify(event.data.counts)}`;
  }
}
