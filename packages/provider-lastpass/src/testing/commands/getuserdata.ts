import { z } from 'zod';
import { EVENT_ACTIONS, INITIATED_BY_API } from '../events.js';
import type { SimulatorUser } from '../simulator-user.js';
import { FlagLike, IntLike } from '../wire-fields.js';
import { phpMap, userToWire } from '../wire-format.js';
import { type CommandContext, type CommandDefinition, fail, recordEvent } from './command-types.js';

const Filters = z.looseObject({
  username: z.string().optional(),
  disabled: FlagLike.optional(),
  admin: FlagLike.optional(),
  pagesize: IntLike.optional(),
  pageindex: IntLike.optional(),
});
// Legacy samples send no data or a bare string; both mean "everyone".
const Input = z
  .union([Filters, z.string(), z.null(), z.undefined()])
  .transform((data) => (typeof data === 'object' && data !== null ? data : {}));
type Filters = z.output<typeof Filters>;

function parse(context: CommandContext): Filters | null {
  const parsed = Input.safeParse(context.data);
  return parsed.success ? parsed.data : null;
}

/** §4.1: `Users` keyed by id, then `Groups` and `invited` for the returned users (or the company). */
function render(context: CommandContext, page: readonly SimulatorUser[], total: number): unknown {
  const { state, quirks } = context;
  const users: Record<string, unknown> = {};
  for (const user of page) users[user.id] = userToWire(user, state.wallClock, quirks);
  const body: Record<string, unknown> = {
    total,
    count: page.length,
    Users: phpMap(users, page.length, quirks),
  };
  const scope = quirks.groupsScope === 'company' ? state.orderedUsers() : page;
  const groups: Record<string, string[]> = {};
  const invited: string[] = [];
  let groupCount = 0;
  for (const user of scope) {
    if (user.invited) invited.push(user.username);
    for (const group of user.groups) {
      const members = groups[group] ?? [];
      if (members.length === 0) groupCount++;
      members.push(user.username);
      groups[group] = members;
    }
  }
  if (groupCount > 0 || !quirks.omitEmptyGroups) body.Groups = phpMap(groups, groupCount, quirks);
  if (quirks.invitedList === 'listed' && page.length > 0) body.invited = invited;
  return body;
}

function run(context: CommandContext): unknown {
  const filters = parse(context);
  if (filters === null) return fail('Invalid data');
  recordEvent(context, EVENT_ACTIONS.getUserData, INITIATED_BY_API);
  if (filters.username !== undefined) {
    const user = findByName(context, filters.username);
    // §4.1/§7.6: an unknown single user is the bare PHP empty array, no total/count.
    return user === undefined ? { Users: phpMap({}, 0, context.quirks) } : render(context, [user], 1);
  }
  const list = context.state.orderedUsers(pickFlags(filters));
  if (filters.pagesize === undefined) return render(context, list, list.length);
  const index = filters.pageindex ?? 0;
  if (filters.pagesize < 1 || index < 0) return fail('Invalid pagesize or pageindex');
  const size = Math.min(filters.pagesize, context.quirks.maxPageSize);
  const start = index * size;
  if (start >= list.length && index > 0 && context.quirks.pastLastPage === 'error') {
    return fail('No more users');
  }
  return render(context, list.slice(start, start + size), list.length);
}

/** The `username` filter, matched in any case or, under the `exact` quirk, as stored. */
function findByName(context: CommandContext, username: string): SimulatorUser | undefined {
  const user = context.state.getUserByName(username);
  if (context.quirks.userNameLookup === 'exact' && user?.username !== username) return undefined;
  return user;
}

// A false flag means "no filter", as PHP's truthiness test on the field would.
function pickFlags(filters: Filters): { disabled?: true; admin?: true } {
  return { ...(filters.disabled ? { disabled: true } : {}), ...(filters.admin ? { admin: true } : {}) };
}

/** §4.1. Throttling counts the users one call would return (the whole list when unpaged). */
export const getUserData: CommandDefinition = {
  name: 'getuserdata',
  kind: 'read',
  run,
  requestedItems(context) {
    const filters = parse(context);
    if (filters === null) return 0;
    if (filters.username !== undefined) return 1;
    const total = context.state.orderedUsers(pickFlags(filters)).length;
    if (filters.pagesize === undefined) return total;
    const size = Math.min(filters.pagesize, context.quirks.maxPageSize);
    return Math.max(0, Math.min(size, total - (filters.pageindex ?? 0) * size));
  },
};
