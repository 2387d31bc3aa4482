// The LastPass half of the quickstart. It needs no LastPass account: it starts the local LastPass
// simulator in this process (real HTTP on 127.0.0.1, random port, throwaway credentials) and
// connects to it exactly as a host connects to https://lastpass.com, only with `baseUrl` pointed at it.
import type { ProvisionKit, StateStore } from '@provisionkit/core';
import { LastPassApi } from '@provisionkit/provider-lastpass';
import { startLastPassSimulator } from '@provisionkit/provider-lastpass/testing';
import { printUsers } from './print-users.js';
import { showSync } from './sync-demo.js';

export async function runLastPassTenant(kit: ProvisionKit, store: StateStore): Promise<void> {
  const simulator = await startLastPassSimulator({ seed: { users: 3, random: 7 } });
  try {
    const initech = await kit.connect({
      provider: 'lastpass',
      tenant: 'initech',
      config: {
        baseUrl: simulator.url,
        cid: simulator.credentials.cid,
        provhash: simulator.credentials.provhash,
        timeZone: 'America/New_York', // the simulator's clock zone, like a US account
      },
    });

    const batch = await initech.directory.createUsers([
      { userName: 'peter@initech.example', displayName: 'Peter Gibbons', groups: ['Engineering'] },
      { userName: 'joanna@initech.example', givenName: 'Joanna', familyName: 'van der Berg' },
      { userName: 'PETER@initech.example' }, // a duplicate in another case: conflict, never sent
    ]);
    console.log(`\ninitech (LastPass) batch: ${batch.succeeded} created, ${batch.failed} failed`);
    for (const item of batch.items) {
      if (!item.ok) console.log(`  item ${item.index} (${item.userName}): ${item.error.code}`);
    }

    const suspended = await initech.directory.suspendUser({ userName: 'Peter@Initech.Example' });
    console.log(`suspended ${suspended.userName}: status ${suspended.status}`);

    // A LastPass-only command, on the provider's own typed API.
    await initech.get<LastPassApi>(LastPassApi).resetPassword({ userName: 'joanna@initech.example' });
    console.log('reset the master password of joanna@initech.example');

    await printUsers('initech (LastPass)', initech.directory);
    const calls = simulator.requests.map((request) => request.cmd);
    console.log(`\ninitech: ${calls.length} LastPass API calls (${[...new Set(calls)].join(', ')})`);

    await showSync(kit, store, initech, simulator);
  } finally {
    await simulator.close();
  }
}
