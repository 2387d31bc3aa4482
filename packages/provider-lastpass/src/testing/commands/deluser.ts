import { z } from 'zod';
import { EVENT_ACTIONS } from '../events.js';
import { IntLike } from '../wire-fields.js';
import { type CommandContext, type CommandDefinition, fail, OK, recordEvent } from './command-types.js';

/** §4.4: 0 deactivate, 1 remove from company, 2 delete, 3 uninvite (pending invitations only). */
const Input = z.looseObject({
  username: z.string().min(1),
  deleteaction: IntLike.pipe(z.int().min(0).max(3)),
});

function run(context: CommandContext): unknown {
  const parsed = Input.safeParse(context.data);
  if (!parsed.success) return fail('Invalid username or deleteaction');
  const { state } = context;
  const user = state.getUserByName(parsed.data.username);
  // §4.4: `error` is a string here (a client compares the exact text).
  if (user === undefined) return fail(`No such user: ${parsed.data.username}`);
  const { username } = user;
  switch (parsed.data.deleteaction) {
    case 0:
      // §4.4 [1]: OK, yet with an informational `error`.
      if (user.disabled) return { status: 'OK', error: `User already disabled: ${username}` };
      state.patchUser(username, { disabled: true });
      recordEvent(context, EVENT_ACTIONS.disabled, username);
      return OK;
    case 1:
      state.removeUser(username, 'removed');
      recordEvent(context, EVENT_ACTIONS.removedFromCompany, username);
      return OK;
    case 2:
      state.removeUser(username, 'deleted');
      recordEvent(context, EVENT_ACTIONS.deleted, username);
      return OK;
    default:
      // Invented wording: the reference has no sample for uninviting an active user.
      if (!user.invited) return fail(`User is not invited: ${username}`);
      state.removeUser(username, 'uninvited');
      recordEvent(context, EVENT_ACTIONS.uninvited, username);
      return OK;
  }
}

export const deleteUser: CommandDefinition = { name: 'deluser', kind: 'write', run };
