import { z } from 'zod';
import { EVENT_ACTIONS } from '../events.js';
import { type CommandContext, type CommandDefinition, fail, recordEvent } from './command-types.js';

// §4.5: an array of emails; a lone string is tolerated.
const Input = z.union([
  z.array(z.string().min(1)),
  z
    .string()
    .min(1)
    .transform((name) => [name]),
]);

/**
 * `disableuser`/`enableuser` (§4.5): lower-case "success", changed users under `disabled_users` or
 * `enabled_users`, the rest under `unchanged_users` (only when non-empty). Unknown users are
 * unchanged and named in an `error` string (invented: the doc lists the key, not its text).
 */
function toggle(disable: boolean) {
  return (context: CommandContext): unknown => {
    const parsed = Input.safeParse(context.data);
    if (!parsed.success) return fail('data must be an array of usernames');
    const changed: string[] = [];
    const unchanged: string[] = [];
    const unknown: string[] = [];
    for (const name of parsed.data) {
      const user = context.state.getUserByName(name);
      if (user === undefined) unknown.push(name);
      if (user === undefined || user.disabled === disable) {
        unchanged.push(name);
        continue;
      }
      context.state.patchUser(name, { disabled: disable });
      recordEvent(context, disable ? EVENT_ACTIONS.disabled : EVENT_ACTIONS.enabled, user.username);
      changed.push(user.username);
    }
    return {
      status: 'success',
      [disable ? 'disabled_users' : 'enabled_users']: changed,
      ...(unchanged.length > 0 ? { unchanged_users: unchanged } : {}),
      ...(unknown.length > 0 ? { error: `No such user: ${unknown.join(', ')}` } : {}),
    };
  };
}

export const disableUsers: CommandDefinition = { name: 'disableuser', kind: 'write', run: toggle(true) };
export const enableUsers: CommandDefinition = { name: 'enableuser', kind: 'write', run: toggle(false) };
