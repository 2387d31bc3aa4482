import type { Prng } from './prng.js';
import {
  DOMAINS,
  emailLocalPart,
  FAMILY_NAMES,
  FOLDER_NAMES,
  GIVEN_NAMES,
  MULTIFACTOR_TYPES,
  SITE_DOMAINS,
} from './seed-data.js';
import type { SharedFolderInput } from './shared-folders.js';
import type { SimulatorUserInput } from './simulator-user.js';

const DAY_MS = 86_400_000;

export interface SeedContext {
  readonly prng: Prng;
  readonly now: number;
  readonly groups: readonly string[];
  /** True when the username (any case) is taken. */
  readonly isTaken: (username: string) => boolean;
}

export interface SeededUser {
  readonly input: SimulatorUserInput & { username: string };
  readonly groups: readonly string[];
}

/** Second-aligned times: the wire shows seconds, so tests can compare formatted values exactly. */
const secondsAgo = (now: number, prng: Prng, minDays: number, maxDays: number): number =>
  Math.floor((now - prng.int(minDays * DAY_MS, maxDays * DAY_MS)) / 1000) * 1000;

/** Seeded mix: ~8% invited, ~4% never logged in, ~7% disabled, ~3% admins, others active. */
export function* generateSeedUsers(count: number, context: SeedContext): Generator<SeededUser> {
  const { prng, now } = context;
  const suffixes = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const given = prng.pick(GIVEN_NAMES);
    const family = prng.pick(FAMILY_NAMES);
    const base = `${emailLocalPart(given, family)}@${prng.pick(DOMAINS)}`;
    let username = base;
    let n = suffixes.get(base) ?? 1;
    while (context.isTaken(username)) username = base.replace('@', `${++n}@`);
    suffixes.set(base, n);

    const roll = prng.next();
    const invited = roll < 0.08;
    const neverLoggedIn = invited || roll < 0.12;
    const created = secondsAgo(now, prng, neverLoggedIn ? 1 : 30, neverLoggedIn ? 60 : 1500);
    const lastPwChange = neverLoggedIn ? created : created + Math.floor((now - created) * prng.next() * 0.5);
    const input: SeededUser['input'] = {
      username,
      fullname: prng.chance(0.03) ? '' : `${given} ${family}`,
      created,
      lastPwChange: Math.floor(lastPwChange / 1000) * 1000,
      invited,
      disabled: !invited && prng.chance(0.07),
      admin: !invited && prng.chance(0.03),
      passwordResetRequired: neverLoggedIn || prng.chance(0.02),
      hasPassword: !invited,
      duousername: prng.chance(0.1) ? username : null,
      ...(neverLoggedIn ? { lastLogin: null, mpstrength: 0 } : activeFields(prng, now, lastPwChange)),
      ...(prng.chance(0.05) ? { linked: `${username.split('@')[0]}.personal@example.net` } : {}),
      ...(prng.chance(0.5) ? { attribs: { EmployeeNumber: `E${10_000 + i}` } } : {}),
    };
    yield { input, groups: pickGroups(prng, context.groups) };
  }
}

function activeFields(prng: Prng, now: number, lastPwChange: number): Partial<SimulatorUserInput> {
  const lastLogin = lastPwChange + Math.floor((now - lastPwChange) * prng.next());
  return {
    lastLogin: Math.floor(lastLogin / 1000) * 1000,
    mpstrength: prng.int(20, 100),
    totalscore: prng.chance(0.2) ? 0 : Math.round(prng.next() * 1000) / 10,
    counters: {
      sites: prng.int(0, 400),
      notes: prng.int(0, 30),
      formfills: prng.int(0, 5),
      applications: prng.int(0, 3),
      attachments: prng.int(0, 10),
    },
    ...(prng.chance(0.4) ? { multifactor: prng.pick(MULTIFACTOR_TYPES) } : {}),
  };
}

function pickGroups(prng: Prng, groups: readonly string[]): string[] {
  if (groups.length === 0 || prng.chance(0.2)) return [];
  const picked = new Set<string>();
  const wanted = prng.int(1, Math.min(3, groups.length));
  while (picked.size < wanted) picked.add(prng.pick(groups));
  return [...picked];
}

/** A few folders over the given members, each permission entry spelled with a rotating flag type. */
export function generateSharedFolders(prng: Prng, usernames: readonly string[]): SharedFolderInput[] {
  if (usernames.length === 0) return [];
  const flagTypes = ['int', 'string', 'bool'] as const;
  return FOLDER_NAMES.map((name, folderIndex) => {
    const size = Math.min(usernames.length, prng.int(2, 5));
    const chosen = new Set<string>();
    while (chosen.size < size) chosen.add(prng.pick(usernames));
    const members = [...chosen].map((username, memberIndex) => ({
      username,
      readonly: prng.chance(0.4),
      give: prng.chance(0.7),
      canAdminister: memberIndex === 0,
      superadmin: false,
      sites: SITE_DOMAINS.filter(() => prng.chance(0.4)),
      flagType: flagTypes[(folderIndex + memberIndex) % 3]!,
    }));
    return { name, deleted: folderIndex === FOLDER_NAMES.length - 1, score: prng.int(40, 100), members };
  });
}
