import { EVENT_ACTIONS } from '../events.js';
import type { SimulatorState } from '../simulator-state.js';
import type { SimulatorUser } from '../simulator-user.js';
import { UsernameData } from '../wire-fields.js';
import { type CommandContext, type CommandDefinition, fail, OK, recordEvent } from './command-types.js';

type NotFound = (username: string) => unknown;

/** §4.8: the `{username}` commands, each answering `{"status":"OK"}` on success. */
function userAction(
  name: string,
  apply: (state: SimulatorState, user: Readonly<SimulatorUser>) => string | null,
  notFound: NotFound = (username) => fail(`No such user: ${username}`),
): CommandDefinition {
  return {
    name,
    kind: 'write',
    run(context: CommandContext) {
      const parsed = UsernameData.safeParse(context.data);
      if (!parsed.success) return fail('Invalid username');
      const user = context.state.getUserByName(parsed.data.username);
      if (user === undefined) return notFound(parsed.data.username);
      const action = apply(context.state, user);
      if (action !== null) recordEvent(context, action, user.username);
      return OK;
    },
  };
}

// Re-sending to an active user is accepted silently: the reference has no failure sample.
export const reinviteUser = userAction('reinviteuser', (_state, user) =>
  user.invited ? EVENT_ACTIONS.reinvited : null,
);

// §4.8 [1]: this command's `error` is an array, unlike its neighbours.
export const resetPassword = userAction(
  'resetpassword',
  () => EVENT_ACTIONS.passwordResetSent,
  (username) => ({ status: 'FAIL', error: [`user not found: ${username}`] }),
);

export const requireMasterPasswordChange = userAction('requiremasterpasswordchange', (state, user) => {
  state.patchUser(user.username, { passwordResetRequired: true });
  return EVENT_ACTIONS.requirePasswordChange;
});

// §4.8 [U]: the response is assumed `{"status":"OK"}`.
export const disableMultifactor = userAction('disablemultifactor', (state, user) => {
  state.patchUser(user.username, { multifactor: null });
  return EVENT_ACTIONS.multifactorDisabled;
});
