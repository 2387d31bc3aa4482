/**
 * `getuserdata` payloads in the recorded wire shape (reference §4.1): ids as object keys, numbers
 * as strings where LastPass sends strings, PHP `[]` for empty maps. Values are invented.
 */

/** A user who logged in: string score and strength, int counters, one group. */
export function loggedInUser(
  username: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    username,
    fullname: 'Alice Example',
    mpstrength: '100',
    created: '2022-05-11 11:02:26',
    last_pw_change: '2022-05-11 11:02:26',
    last_login: '2022-06-02 09:20:59',
    neverloggedin: false,
    disabled: false,
    admin: true,
    totalscore: '83.2',
    duousername: null,
    sites: 12,
    notes: 1,
    formfills: 0,
    applications: 0,
    attachments: 0,
    password_reset_required: false,
    groups: ['Engineering'],
    ...overrides,
  };
}

/** A user who never logged in: `""` last login, null score and counters, no groups (`[]`). */
export function neverLoggedInUser(
  username: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    username,
    fullname: 'Bob Example',
    mpstrength: '0',
    created: '2022-06-21 11:12:30',
    last_pw_change: '2022-06-21 11:12:30',
    last_login: '',
    neverloggedin: true,
    disabled: false,
    admin: false,
    totalscore: null,
    duousername: username,
    sites: null,
    notes: null,
    formfills: null,
    applications: null,
    attachments: null,
    password_reset_required: true,
    groups: [],
    ...overrides,
  };
}

/** A `getuserdata` answer holding `users` (id → record); `total`/`count` as LastPass may send them. */
export function userPage(
  users: Record<string, Record<string, unknown>>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const count = Object.keys(users).length;
  return { total: count, count, Users: users, ...extra };
}

/** PHP's encoding of "no users" for an unknown username: an empty array, not an object (§5.5). */
export const NO_USERS = '{"Users":[]}';
