import { describe, expect, it } from 'vitest';
import { loggedInUser, neverLoggedInUser, userPage } from '../client/commands/recorded-users-test-helpers.js';
import { GetUserDataResponse } from '../client/index.js';
import { type FoundUser, forEachWantedEntry, userPageEntries } from './user-page.js';

// Invitation and extra memberships are page-level facts: both paths must read them the same way.
const page = GetUserDataResponse.parse(
  userPage(
    {
      '1': loggedInUser('Ada@Example.com', { groups: ['Ops'] }),
      '2': neverLoggedInUser('bob@example.com'),
      '3': loggedInUser('cy@example.com'),
    },
    { invited: ['BOB@example.com'], Groups: { Ops: ['ada@example.com'], Eng: ['cy@example.com'] } },
  ),
);

describe('forEachWantedEntry', () => {
  it('hands each wanted user with its normalized name, mapped as userPageEntries maps it', () => {
    const wanted = new Set(['ada@example.com', 'bob@example.com', 'nobody@example.com']);
    const visited: [string, FoundUser][] = [];
    forEachWantedEntry(page, 'UTC', wanted, (key, entry) => visited.push([key, entry]));
    expect(visited.map(([key]) => key)).toEqual(['ada@example.com', 'bob@example.com']);
    expect(visited.map(([, entry]) => entry)).toStrictEqual([...userPageEntries(page, 'UTC', wanted)]);
    expect(visited[1]![1].user.status).toBe('invited');
  });

  it('gives a user the memberships the Groups map adds, as a listing does', () => {
    const visited: FoundUser[] = [];
    forEachWantedEntry(page, 'UTC', new Set(['cy@example.com']), (_key, entry) => visited.push(entry));
    expect(visited.map((entry) => entry.user.groups)).toEqual([['Engineering', 'Eng']]);
    expect(visited).toStrictEqual([...userPageEntries(page, 'UTC')].slice(2));
  });
});
