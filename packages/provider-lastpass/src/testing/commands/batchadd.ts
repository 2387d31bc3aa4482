import { z } from 'zod';
import { EVENT_ACTIONS } from '../events.js';
import { EmailLike, FlagLike, GroupNames } from '../wire-fields.js';
import {
  batchStatus,
  type CommandContext,
  type CommandDefinition,
  fail,
  recordEvent,
} from './command-types.js';
import { applyGroupChanges } from './group-changes.js';

/** §4.2 item. The password is only checked for type: it is never stored, echoed or logged. */
const Item = z.looseObject({
  username: EmailLike,
  fullname: z.string().optional(),
  groups: GroupNames.optional(),
  duousername: z.string().optional(),
  securidusername: z.string().optional(),
  password: z.string().optional(),
  password_reset_required: FlagLike.optional(),
  attribs: z.record(z.string(), z.unknown()).optional(),
});
type Item = z.output<typeof Item>;

interface GroupWork {
  readonly username: string;
  readonly add: readonly string[];
  readonly del: readonly string[];
}

function describeInvalid(raw: unknown, index: number): string {
  const username =
    typeof raw === 'object' && raw !== null ? (raw as { username?: unknown }).username : undefined;
  return typeof username === 'string'
    ? `Invalid username at index ${index}: ${username}`
    : `Missing username at index ${index}`;
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

function create(context: CommandContext, item: Item): GroupWork {
  const user = context.state.addUser({
    username: item.username,
    fullname: item.fullname ?? '',
    invited: true,
    lastLogin: null,
    passwordResetRequired: item.password_reset_required ?? true,
    hasPassword: item.password !== undefined,
    ...optional('duousername', item.duousername),
    ...optional('securidusername', item.securidusername),
    ...optional('attribs', item.attribs),
  });
  return { username: user.username, add: item.groups ?? [], del: [] };
}

/** 'upsert' (§4.2 legacy wording): sent fields replace stored ones; sent `groups` become the exact set. */
function update(context: CommandContext, item: Item, username: string): GroupWork {
  const user = context.state.patchUser(username, {
    ...optional('fullname', item.fullname),
    ...optional('duousername', item.duousername),
    ...optional('securidusername', item.securidusername),
    ...optional('attribs', item.attribs),
  });
  recordEvent(context, EVENT_ACTIONS.updated, username);
  if (item.groups === undefined) return { username, add: [], del: [] };
  return { username, add: item.groups, del: user.groups.filter((group) => !item.groups?.includes(group)) };
}

function run(context: CommandContext): unknown {
  if (!Array.isArray(context.data)) return fail('data must be an array of users');
  const errors: string[] = [];
  const created: string[] = [];
  const groupWork: GroupWork[] = [];
  let malformed = 0;
  context.data.forEach((raw: unknown, index) => {
    const parsed = Item.safeParse(raw);
    if (!parsed.success) {
      malformed++;
      errors.push(describeInvalid(raw, index));
      return;
    }
    const existing = context.state.getUserByName(parsed.data.username);
    if (existing === undefined) {
      groupWork.push(create(context, parsed.data));
      created.push(parsed.data.username);
    } else if (context.quirks.batchaddExisting === 'upsert') {
      groupWork.push(update(context, parsed.data, existing.username));
    } else {
      errors.push(`${parsed.data.username} already exists`);
    }
  });
  if (created.length > 0) {
    recordEvent(context, EVENT_ACTIONS.created, created.join(','));
    recordEvent(context, EVENT_ACTIONS.invited, created.join(','));
  }
  for (const work of groupWork) applyGroupChanges(context, work.username, work.add, work.del, errors);
  return batchStatus(errors, malformed, context.data.length);
}

export const batchAdd: CommandDefinition = { name: 'batchadd', kind: 'write', run };
