import { z } from 'zod';

/** Vault counters; `null` for users who never logged in (§4.1, recorded). */
export interface VaultCounters {
  sites: number;
  notes: number;
  formfills: number;
  applications: number;
  attachments: number;
}

/**
 * A user as the simulator stores it. Times are epoch ms (formatted in the account zone on the
 * wire); the master password is never kept, only whether one was set.
 */
export interface SimulatorUser {
  readonly id: string;
  username: string;
  fullname: string;
  mpstrength: number;
  created: number;
  lastPwChange: number;
  /** `null` = never logged in (`last_login: ""`, `neverloggedin: true`). */
  lastLogin: number | null;
  disabled: boolean;
  admin: boolean;
  /** Pending invitation (listed in `invited`; the only state `deluser` action 3 accepts). */
  invited: boolean;
  totalscore: number | null;
  duousername: string | null;
  securidusername: string | null;
  counters: VaultCounters | null;
  passwordResetRequired: boolean;
  /** Group names, in the order the user joined them. */
  groups: string[];
  linked: string | null;
  multifactor: string | null;
  attribs: Record<string, unknown>;
  hasPassword: boolean;
}

/** What tests may pass to `state.addUser()`; everything but `username` has a default. */
export const SimulatorUserInput = z.strictObject({
  username: z.string().min(3),
  fullname: z.string().optional(),
  mpstrength: z.int().min(0).max(100).optional(),
  created: z.number().optional(),
  lastPwChange: z.number().optional(),
  lastLogin: z.number().nullable().optional(),
  disabled: z.boolean().optional(),
  admin: z.boolean().optional(),
  invited: z.boolean().optional(),
  totalscore: z.number().nullable().optional(),
  duousername: z.string().nullable().optional(),
  securidusername: z.string().nullable().optional(),
  counters: z
    .strictObject({
      sites: z.int(),
      notes: z.int(),
      formfills: z.int(),
      applications: z.int(),
      attachments: z.int(),
    })
    .nullable()
    .optional(),
  passwordResetRequired: z.boolean().optional(),
  groups: z.array(z.string().min(1)).optional(),
  linked: z.string().nullable().optional(),
  multifactor: z.string().nullable().optional(),
  attribs: z.record(z.string(), z.unknown()).optional(),
  hasPassword: z.boolean().optional(),
});
export type SimulatorUserInput = z.input<typeof SimulatorUserInput>;

/** Builds a full record; groups are left empty because membership goes through the group index. */
export function buildUser(
  id: string,
  input: z.output<typeof SimulatorUserInput>,
  now: number,
): SimulatorUser {
  const lastLogin = input.lastLogin === undefined ? (input.invited ? null : now) : input.lastLogin;
  const neverLoggedIn = lastLogin === null;
  return {
    id,
    username: input.username,
    fullname: input.fullname ?? '',
    mpstrength: input.mpstrength ?? (neverLoggedIn ? 0 : 80),
    created: input.created ?? now,
    lastPwChange: input.lastPwChange ?? input.created ?? now,
    lastLogin,
    disabled: input.disabled ?? false,
    admin: input.admin ?? false,
    invited: input.invited ?? false,
    totalscore: input.totalscore === undefined ? (neverLoggedIn ? null : 0) : input.totalscore,
    duousername: input.duousername ?? null,
    securidusername: input.securidusername ?? null,
    counters:
      input.counters === undefined
        ? neverLoggedIn
          ? null
          : { sites: 0, notes: 0, formfills: 0, applications: 0, attachments: 0 }
        : input.counters,
    passwordResetRequired: input.passwordResetRequired ?? false,
    groups: [],
    linked: input.linked ?? null,
    multifactor: input.multifactor ?? null,
    attribs: input.attribs ?? {},
    hasPassword: input.hasPassword ?? false,
  };
}
