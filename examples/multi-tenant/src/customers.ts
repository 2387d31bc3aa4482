import type { DesiredUser } from '@provisionkit/core';

/** Two customers of the platform, each with its own HR list and its own SaaS app. */
export const CUSTOMERS = [
  {
    tenant: 'acme',
    provider: 'lastpass',
    desired: [
      { userName: 'ada@acme.example', givenName: 'Ada', familyName: 'Lovelace', groups: ['Engineering'] },
      { userName: 'grace@acme.example', givenName: 'Grace', familyName: 'Hopper', groups: ['Engineering'] },
      {
        userName: 'katherine@acme.example',
        givenName: 'Katherine',
        familyName: 'Johnson',
        groups: ['Research'],
      },
    ],
  },
  {
    tenant: 'globex',
    provider: 'mock',
    desired: [
      { userName: 'hank@globex.example', givenName: 'Hank', familyName: 'Scorpio', groups: ['Leadership'] },
      { userName: 'homer@globex.example', givenName: 'Homer', familyName: 'Simpson', groups: ['Safety'] },
    ],
  },
] as const satisfies readonly { tenant: string; provider: string; desired: readonly DesiredUser[] }[];
