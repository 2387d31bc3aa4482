import { z } from 'zod';
import { EVENT_ACTIONS, INITIATED_BY_API } from '../events.js';
import { IntLike } from '../wire-fields.js';
import { type CommandContext, type CommandDefinition, fail, recordEvent } from './command-types.js';

const MAX_LIMIT = 500;
const DAY_MS = 86_400_000;

const Input = z.looseObject({
  limit: IntLike.pipe(z.int().min(1)).optional(),
  continuation_token: z.union([z.string().regex(/^\d+$/), z.int().min(0)]).optional(),
});

/**
 * §4.12: capitalised "Success"; `continuation` carries an opaque token (here an offset) and the
 * count still to come, and is null once the list is complete (invented: the doc shows only a
 * mid-list page). "Expired" means older than `masterPasswordMaxAgeDays` (invented rule).
 */
function run(context: CommandContext): unknown {
  const parsed = Input.safeParse(context.data ?? {});
  if (!parsed.success) return fail('Invalid limit or continuation_token');
  const { state, quirks } = context;
  const cutoff = state.clock() - quirks.masterPasswordMaxAgeDays * DAY_MS;
  const expired = state
    .orderedUsers()
    .filter((user) => user.lastLogin !== null && user.lastPwChange < cutoff);
  const offset = Number(parsed.data.continuation_token ?? 0);
  const limit = Math.min(parsed.data.limit ?? MAX_LIMIT, MAX_LIMIT);
  const page = expired.slice(offset, offset + limit);
  const remaining = Math.max(0, expired.length - offset - page.length);
  recordEvent(context, EVENT_ACTIONS.expiredPasswordReport, INITIATED_BY_API);
  return {
    status: 'Success',
    continuation:
      remaining > 0 ? { token: String(offset + page.length), remaining_item_count: remaining } : null,
    items: page.map((user) => ({
      user_id: Number(user.id),
      user_name: user.username,
      last_pw_change: state.wallClock.format(user.lastPwChange),
    })),
  };
}

export const expiredMasterPasswordList: CommandDefinition = {
  name: 'expiredmasterpwlist',
  kind: 'read',
  run,
};
