import { z } from 'zod';
import { EVENT_ACTIONS } from '../events.js';
import { type CommandContext, type CommandDefinition, fail, OK, recordEvent } from './command-types.js';

/** §4.6: only these fields; admin rights cannot be changed through the API. */
const Input = z.looseObject({
  username: z.string().min(1),
  fullname: z.string().optional(),
  duousername: z.string().nullable().optional(),
  securidusername: z.string().nullable().optional(),
});

function run(context: CommandContext): unknown {
  const parsed = Input.safeParse(context.data);
  if (!parsed.success) return fail('Invalid data');
  const { username, fullname, duousername, securidusername } = parsed.data;
  const user = context.state.getUserByName(username);
  if (user === undefined) return fail(`No such user: ${username}`);
  context.state.patchUser(user.username, {
    ...(fullname === undefined ? {} : { fullname }),
    ...(duousername === undefined ? {} : { duousername }),
    ...(securidusername === undefined ? {} : { securidusername }),
  });
  recordEvent(context, EVENT_ACTIONS.updated, user.username);
  return OK;
}

export const updateUser: CommandDefinition = { name: 'updateuser', kind: 'write', run };
