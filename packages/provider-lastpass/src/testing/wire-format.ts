import type { PermissionFlagType, SimulatorSharedFolder } from './shared-folders.js';
import type { SimulatorQuirks } from './simulator-options.js';
import type { SimulatorUser } from './simulator-user.js';
import type { WallClock } from './timestamps.js';

/** §2.2, recorded byte for byte: 76 bytes, HTTP 200, returned for a bad cid or provhash alike. */
export const AUTH_ERROR_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<lastpass rc="Authorization Error"/>\n';

/** §2: recorded response headers. The content type says XML even when the body is JSON. */
export const LASTPASS_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/xml;charset=UTF-8',
  server: 'LastPass',
  'cache-control': 'no-cache,private,no-store',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=86400000',
};

export type WireQuirks = Pick<SimulatorQuirks, 'numbersAsStrings' | 'emptyUsersAs'>;

/** §7.6: PHP serializes an empty associative array as `[]`. */
export function phpMap(entries: Record<string, unknown>, count: number, quirks: WireQuirks): unknown {
  return count === 0 && quirks.emptyUsersAs === 'array' ? [] : entries;
}

const numberish = (value: number, quirks: WireQuirks): string | number =>
  quirks.numbersAsStrings ? String(value) : value;

/** One `getuserdata` user in the recorded key order (§4.1); optional keys only when set. */
export function userToWire(
  user: SimulatorUser,
  clock: WallClock,
  quirks: WireQuirks,
): Record<string, unknown> {
  const counters = user.counters;
  const wire: Record<string, unknown> = {
    username: user.username,
    fullname: user.fullname,
    mpstrength: numberish(user.mpstrength, quirks),
    created: clock.format(user.created),
    last_pw_change: clock.format(user.lastPwChange),
    last_login: user.lastLogin === null ? '' : clock.format(user.lastLogin),
    neverloggedin: user.lastLogin === null,
    disabled: user.disabled,
    admin: user.admin,
    totalscore: user.totalscore === null ? null : numberish(user.totalscore, quirks),
    duousername: user.duousername,
    sites: counters?.sites ?? null,
    notes: counters?.notes ?? null,
    formfills: counters?.formfills ?? null,
    applications: counters?.applications ?? null,
    attachments: counters?.attachments ?? null,
    password_reset_required: user.passwordResetRequired,
    groups: user.groups,
  };
  if (user.linked !== null) wire.linked = user.linked;
  if (user.multifactor !== null) wire.multifactor = user.multifactor;
  if (Object.keys(user.attribs).length > 0) wire.attribs = user.attribs;
  return wire;
}

function flag(value: boolean, type: PermissionFlagType): number | string | boolean {
  if (type === 'bool') return value;
  return type === 'int' ? Number(value) : value ? '1' : '0';
}

/** §4.9/§4.10: folders keyed by id; `detailed` adds each member's site list. */
export function folderToWire(folder: SimulatorSharedFolder, detailed: boolean): Record<string, unknown> {
  return {
    sharedfoldername: folder.name,
    deleted: folder.deleted,
    score: folder.score,
    users: folder.members.map((member) => ({
      username: member.username,
      readonly: flag(member.readonly, member.flagType),
      give: flag(member.give, member.flagType),
      can_administer: flag(member.canAdminister, member.flagType),
      superadmin: member.superadmin,
      ...(detailed ? { sites: member.sites } : {}),
    })),
  };
}
