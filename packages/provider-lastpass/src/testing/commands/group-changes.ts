import { EVENT_ACTIONS } from '../events.js';
import { type CommandContext, recordEvent } from './command-types.js';

/**
 * Membership changes shared by `batchadd` and `batchchangegrp`, with the event texts of §4.3.
 * Unknown groups are created unless `autoCreateGroups` is off (the reference cannot tell, §4.2).
 */
export function applyGroupChanges(
  context: CommandContext,
  username: string,
  add: readonly string[],
  del: readonly string[],
  errors: string[],
): void {
  const { state } = context;
  for (const group of add) {
    if (!state.hasGroup(group) && !context.quirks.autoCreateGroups) {
      errors.push(`Group does not exist: ${group} (${username})`);
      continue;
    }
    if (state.addToGroup(username, group)) {
      recordEvent(context, EVENT_ACTIONS.addToGroup, `${username} - ${group}`);
    }
  }
  for (const group of del) {
    if (state.removeFromGroup(username, group)) {
      recordEvent(context, EVENT_ACTIONS.removeFromGroup, `'${group}' '${username}'`);
    }
  }
}
