import { z } from 'zod';
import { GroupNames } from '../wire-fields.js';
import { batchStatus, type CommandContext, type CommandDefinition, fail } from './command-types.js';
import { applyGroupChanges } from './group-changes.js';

/** §4.3: `add`/`del` may be absent or empty (Pipedream sends both, possibly empty). */
const Item = z.looseObject({
  username: z.string().min(1),
  add: GroupNames.optional(),
  del: GroupNames.optional(),
});

function run(context: CommandContext): unknown {
  // §4.3: data must be an array even for one user.
  if (!Array.isArray(context.data)) return fail('data must be an array');
  const errors: string[] = [];
  let malformed = 0;
  context.data.forEach((raw: unknown, index) => {
    const parsed = Item.safeParse(raw);
    if (!parsed.success) {
      malformed++;
      errors.push(`Invalid item at index ${index}`);
      return;
    }
    const user = context.state.getUserByName(parsed.data.username);
    if (user === undefined) {
      // Legacy official sample: {"status":"WARN","errors":["bob@example.com does not exist"]}.
      errors.push(`${parsed.data.username} does not exist`);
      return;
    }
    applyGroupChanges(context, user.username, parsed.data.add ?? [], parsed.data.del ?? [], errors);
  });
  return batchStatus(errors, malformed, context.data.length);
}

export const batchChangeGroups: CommandDefinition = { name: 'batchchangegrp', kind: 'write', run };
