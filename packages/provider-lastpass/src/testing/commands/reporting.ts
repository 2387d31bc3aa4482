import { z } from 'zod';
import { EVENT_ACTIONS, INITIATED_BY_API, type SimulatorEvent } from '../events.js';
import { FlagLike } from '../wire-fields.js';
import { phpMap } from '../wire-format.js';
import { type CommandContext, type CommandDefinition, fail, recordEvent } from './command-types.js';

const Input = z.looseObject({
  from: z.string().optional(),
  to: z.string().optional(),
  search: z.string().optional(),
  user: z.string().optional(),
  admin: FlagLike.optional(),
  next: z.union([z.string().regex(/^\d+$/), z.int()]).optional(),
  format: z.string().optional(),
});
type Input = z.output<typeof Input>;

function matcher(context: CommandContext, input: Input, user: string | undefined) {
  const search = input.search?.toLowerCase();
  const wanted = user?.toLowerCase();
  return (event: SimulatorEvent): boolean => {
    if (wanted !== undefined && event.username.toLowerCase() !== wanted) return false;
    if (input.admin && context.state.getUserByName(event.username)?.admin !== true) return false;
    if (search === undefined) return true;
    return [event.action, event.data, event.username].some((text) => text.toLowerCase().includes(search));
  };
}

/**
 * §4.11: newest first as Event1..N, at most `reportingMaxEvents` per call; `next` is the epoch-µs
 * time of the newest event left out (inclusive when sent back). `format` is accepted and ignored.
 */
function run(context: CommandContext): unknown {
  const parsed = Input.safeParse(context.data ?? {});
  if (!parsed.success) return fail('Invalid data');
  const input = parsed.data;
  const { state, quirks } = context;
  const fromMs = input.from === undefined ? 0 : state.wallClock.parse(input.from);
  const toMs = input.to === undefined ? Number.MAX_SAFE_INTEGER / 1000 : state.wallClock.parse(input.to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) return fail('Invalid date format');
  // Elastic and Splunk send `user` at the top level, outside `data`; both places count.
  const topLevel = typeof context.envelope.user === 'string' ? context.envelope.user : undefined;
  const rawUser = input.user ?? topLevel;
  const user = rawUser === undefined || rawUser === 'allusers' ? undefined : rawUser;
  if (user !== undefined && !knownUser(context, user)) return fail('Please select a valid user.');
  const toUs = Math.min(toMs * 1000 + 999_999, input.next === undefined ? Infinity : Number(input.next));
  const { events, nextUs } = state.eventLog.query({
    fromUs: fromMs * 1000,
    toUs,
    limit: quirks.reportingMaxEvents,
    matches: matcher(context, input, user),
  });
  const data: Record<string, unknown> = {};
  events.forEach((event, index) => {
    data[`Event${index + 1}`] = {
      Time: state.wallClock.format(Math.floor(event.timeUs / 1000)),
      Username: event.username,
      IP_Address: event.ipAddress,
      Action: event.action,
      Data: event.data,
    };
  });
  recordEvent(context, EVENT_ACTIONS.reporting, INITIATED_BY_API);
  const next = nextUs === null ? null : quirks.reportingNextAs === 'string' ? String(nextUs) : nextUs;
  return { status: 'OK', next, data: phpMap(data, events.length, quirks) };
}

function knownUser(context: CommandContext, user: string): boolean {
  if (context.state.getUserByName(user) !== undefined) return true;
  const wanted = user.toLowerCase();
  return context.state.events.some((event) => event.username.toLowerCase() === wanted);
}

export const reporting: CommandDefinition = { name: 'reporting', kind: 'read', run };
