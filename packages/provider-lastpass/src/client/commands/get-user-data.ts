import { UserName } from '@provisionkit/core';
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../client-config.js';
import { defineCommand } from './command-spec.js';
import { readUserDataFast } from './user-data-fast-read.js';
import {
  Attribs,
  NullableNumber,
  NullableString,
  NumberLike,
  OptionalFlag,
  StringList,
  WireTimestamp,
} from './wire-values.js';

/** Filters and paging of `getuserdata`. `pageindex` is 0-based. */
export const GetUserDataRequest = z
  .strictObject({
    pageindex: z.number().int().min(0).optional(),
    pagesize: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
    username: UserName.optional(),
    disabled: z.boolean().optional(),
    admin: z.boolean().optional(),
  })
  // Filters are sent as 1 (what most clients send) and only when asked for: `false` is not a filter.
  .transform(({ disabled, admin, ...rest }) => ({
    ...rest,
    ...(disabled === true ? { disabled: 1 } : {}),
    ...(admin === true ? { admin: 1 } : {}),
  }));
export type GetUserDataRequest = z.input<typeof GetUserDataRequest>;

const LastPassUserRecord = z.object({
  username: z.string().min(1),
  fullname: NullableString.transform((value) => value ?? ''),
  mpstrength: NullableNumber,
  created: WireTimestamp,
  last_pw_change: WireTimestamp,
  last_login: WireTimestamp,
  neverloggedin: OptionalFlag,
  disabled: OptionalFlag,
  admin: OptionalFlag,
  password_reset_required: OptionalFlag,
  totalscore: NullableNumber,
  duousername: NullableString,
  securidusername: NullableString,
  sites: NullableNumber,
  notes: NullableNumber,
  formfills: NullableNumber,
  applications: NullableNumber,
  attachments: NullableNumber,
  groups: StringList,
  linked: NullableString,
  multifactor: NullableString,
  attribs: Attribs,
});

/** PHP sends an empty map as `[]` (`{"Users":[]}` for an unknown username). */
const emptyAsRecord = <T extends z.ZodType>(value: T) =>
  z
    .union([z.record(z.string(), value), z.array(z.unknown()).max(0)])
    .nullish()
    .transform((map) => Object.entries(map === undefined || map === null || Array.isArray(map) ? {} : map));

/** One user as `getuserdata` reports it, keyed by LastPass's numeric user id (a string). */
export type LastPassUser = z.output<typeof LastPassUserRecord> & { readonly id: string };

export const GetUserDataResponse = z
  .object({
    total: NumberLike.optional(),
    count: NumberLike.optional(),
    Users: emptyAsRecord(LastPassUserRecord),
    // Absent when no returned user is in a group.
    Groups: emptyAsRecord(StringList),
    // [U] Never seen recorded; two clients read it as a list. Kept as-is for the provider to interpret.
    invited: z.array(z.unknown()).nullish(),
  })
  .transform(({ total, count, Users, Groups, invited }) => {
    const users: LastPassUser[] = Users.map(([id, user]) => ({ id, ...user }));
    return {
      // Left undefined when missing: a listing must not take the page length for the company size.
      total,
      count: count ?? users.length,
      users,
      groups: Groups.map(([name, members]) => ({ name, members })),
      // Undefined when the answer has no list: then the list cannot say who is invited.
      invited: invited ?? undefined,
    };
  });
export type GetUserDataResponse = z.output<typeof GetUserDataResponse>;

export const GET_USER_DATA = defineCommand({
  cmd: 'getuserdata',
  idempotent: true,
  request: GetUserDataRequest,
  response: GetUserDataResponse,
  fastRead: readUserDataFast,
});
