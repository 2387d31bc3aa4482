import { z } from 'zod';
import { EVENT_ACTIONS } from '../events.js';
import { EmailLike } from '../wire-fields.js';
import { type CommandContext, type CommandDefinition, fail, OK, recordEvent } from './command-types.js';

const Input = z.looseObject({ oldemail: z.string().min(1), newemail: EmailLike });

/**
 * §4.7. The real change completes only after the user logs in once with the old name; the
 * simulator applies it at once. The published 10/s limits are not simulated.
 */
function run(context: CommandContext): unknown {
  const parsed = Input.safeParse(context.data);
  if (!parsed.success) return fail('Invalid oldemail or newemail');
  const { oldemail, newemail } = parsed.data;
  const { state } = context;
  const user = state.getUserByName(oldemail);
  if (user === undefined) return fail(`No such user: ${oldemail}`);
  const holder = state.getUserByName(newemail);
  if (holder !== undefined && holder.id !== user.id) return fail(`Email address already in use: ${newemail}`);
  const previous = user.username;
  state.renameUser(previous, newemail);
  recordEvent(context, EVENT_ACTIONS.emailChanged, `${previous} ${newemail}`);
  return OK;
}

export const updateEmail: CommandDefinition = { name: 'updateemail', kind: 'write', run };
