import type { DesiredRow } from '@provisionkit/core';
import type { LastPassSimulator } from '@provisionkit/provider-lastpass/testing';

/** People who left before the demo starts: still in LastPass, no longer in the HR list. */
const LEAVERS = [
  'frank.gilbreth@acme.example',
  'lillian.moller@acme.example',
  'edwin.hubble@acme.example',
  'rosalind.franklin@acme.example',
  'nikola.tesla@acme.example',
  'marie.curie@acme.example',
  'carl.sagan@acme.example',
  'emmy.noether@acme.example',
  'srinivasa.ramanujan@acme.example',
  'chien.shiung.wu@acme.example',
  'max.planck@acme.example',
  'lise.meitner@acme.example',
];

/**
 * LastPass as the demo finds it: most of the HR list already has accounts, made by hand over the
 * years, so some drifted (an old family name, a missing or a stale group, a suspended account of
 * someone who is back), the newest hires have none, and a few people who left still have one.
 */
export function seedCompany(simulator: LastPassSimulator, people: readonly DesiredRow[]): void {
  const { state } = simulator;
  people.forEach(({ user }, index) => {
    if (index >= people.length - 20) return; // the latest hires: no account yet
    const groups = [...(user.groups ?? [])];
    let familyName = user.familyName ?? '';
    if (index % 25 === 3) familyName = `${familyName}-Old`; // married, renamed in HR only
    if (index % 30 === 7) groups.pop(); // a group never added by hand
    if (index % 40 === 11) groups.push('Contractors'); // a group never removed
    // Every 50th was suspended while on leave, and is back.
    const disabled = index % 50 === 13;
    state.addUser({ username: user.userName, fullname: `${user.givenName} ${familyName}`, groups, disabled });
  });
  for (const userName of LEAVERS) {
    const [given, family] = userName.split('@')[0]!.split('.');
    state.addUser({
      username: userName,
      fullname: `${capital(given!)} ${capital(family!)}`,
      groups: ['Engineering'],
    });
  }
}

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
