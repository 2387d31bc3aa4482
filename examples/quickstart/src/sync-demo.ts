// What changed behind provisionkit's back: after the quickstart's writes, an admin works in the
// LastPass console (here: the simulator's state, changed directly), and a sync finds it.
import type { Connection, ProvisionEvent, ProvisionKit } from '@provisionkit/core';
import type { LastPassSimulator } from '@provisionkit/provider-lastpass/testing';

export async function showSync(
  kit: ProvisionKit,
  connection: Connection,
  simulator: LastPassSimulator,
): Promise<void> {
  const tenant = connection.context.tenant;
  // The first run announces every user (and finds the writes made above already recorded).
  await kit.sync(connection);
  const { events: before } = await kit.listEvents({ tenant, limit: 1000 });
  const cursor = before.at(-1)?.cursor ?? '0';

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
    default:
      return `${event.type} ${JSON.stringify(event.data.counts)}`;
  }
}
