/**
 * LastPass reports `YYYY-MM-DD HH:MM:SS` without a zone. These helpers read such a wall time in an
 * IANA zone and write it as ISO 8601 with that zone's offset at that instant (DST included).
 */
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
// About 55 years of days per zone: timestamps of a real company fit, so the cache never thrashes.
const MAX_CACHED_DAYS = 20_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
// Intl is slow per call and a 100k-user listing converts 200k timestamps, so offsets are cached per
// zone and UTC day (null: the day has a changeover, resolved per quarter hour, as offsets only
// change on quarter-hour boundaries).
const dayOffsets = new Map<string, Map<number, number | null>>();

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

// The last conversion: users created in one batch share their `created` second, and a read-back
// after a create converts thousands of identical timestamps. Three variables, not an object: a
// listing converts two timestamps per user.
let lastText: string | undefined;
let lastZone: string | undefined;
let lastIso: string | undefined;

/** ISO 8601 with offset for a LastPass wall time in `timeZone`; undefined when `text` is not one. */
export function wallTimeToIso(text: string | null | undefined, timeZone: string): string | undefined {
  if (text === null || text === undefined) return undefined;
  if (lastText === text && lastZone === timeZone) return lastIso;
  const iso = convert(text, timeZone);
  lastText = text;
  lastZone = timeZone;
  lastIso = iso;
  return iso;
}

function convert(text: string, timeZone: string): string | undefined {
  const trimmed = text.trim();
  const common = awayFromChangeover(trimmed, timeZone);
  if (common !== undefined) return common;
  const match = WALL_TIME.exec(trimmed);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) {
    return undefined;
  }
  // The zone's offsets a day either side are the only candidates. A wall time that occurs twice
  // (fall back) is the earlier instant; one that does not exist (spring forward) is read with the
  // offset before the change, which lands after the gap, as most date libraries do.
  const before = offsetAt(timeZone, asUtc - DAY_MS);
  const after = offsetAt(timeZone, asUtc + DAY_MS);
  const early = asUtc - before;
  const late = asUtc - after;
  const earlyValid = early + offsetAt(timeZone, early) === asUtc;
  const lateValid = late + offsetAt(timeZone, late) === asUtc;
  if (earlyValid || lateValid) {
    // The wall time exists: it is written back as given, with the offset of the instant it names.
    const instant = earlyValid && lateValid ? Math.min(early, late) : earlyValid ? early : late;
    return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${offsetSuffix(offsetAt(timeZone, instant))}`;
  }
  return formatIso(early, offsetAt(timeZone, early));
}

/**
 * The common case, a valid wall time far from any changeover: the offset is the same a day
 * before, at and a day after, so the wall time exists once and takes that offset. Three cached
 * lookups and no Date; undefined sends the wall time down the full path.
 */
function awayFromChangeover(text: string, timeZone: string): string | undefined {
  if (text.length !== 19 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return undefined;
  const separator = text.charCodeAt(10);
  if ((separator !== SPACE && separator !== LETTER_T) || text.charCodeAt(13) !== COLON) return undefined;
  if (text.charCodeAt(16) !== COLON) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const suffix = quietDaySuffix(timeZone, Math.floor(Date.UTC(year, month - 1, day) / DAY_MS));
  if (suffix === null) return undefined;
  return `${text.slice(0, 10)}T${text.slice(11)}${suffix}`;
}

// Per zone and wall-clock day (days since the epoch): the offset suffix when the UTC days before,
// of and after it each keep one offset all day and share it, else null. Then every wall time of
// that day has that offset a day either side too, which is what `awayFromChangeover` asks: one
// lookup per timestamp instead of three.
const quietDays = new Map<string, Map<number, string | null>>();

function quietDaySuffix(timeZone: string, day: number): string | null {
  let days = quietDays.get(timeZone);
  if (days === undefined) {
    days = new Map();
    quietDays.set(timeZone, days);
  }
  let suffix = days.get(day);
  if (suffix === undefined) {
    const at = wholeDayOffset(timeZone, day);
    const quiet =
      at !== null && wholeDayOffset(timeZone, day - 1) === at && wholeDayOffset(timeZone, day + 1) === at;
    suffix = quiet ? offsetSuffix(at) : null;
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    days.set(day, suffix);
  }
  return suffix;
}

/** The offset UTC day `day` keeps from start to end, or null on a changeover day. */
function wholeDayOffset(timeZone: string, day: number): number | null {
  offsetAt(timeZone, day * DAY_MS);
  return dayOffsets.get(timeZone)?.get(day) ?? null;
}

const [DASH, COLON, SPACE, LETTER_T, ZERO] = ['-', ':', ' ', 'T', '0'].map((char) => char.charCodeAt(0)) as [
  number,
  number,
  number,
  number,
  number,
];

/** The decimal number of `length` digits at `from`; -1 when one is not a digit. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let index = from; index < from + length; index++) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

const suffixes = new Map<number, string>();

/** `Z` or `±HH:MM`; a handful of distinct offsets per zone, so each is formatted once. */
function offsetSuffix(offsetMs: number): string {
  let suffix = suffixes.get(offsetMs);
  if (suffix === undefined) {
    suffix = formatIso(0, offsetMs).slice(19);
    suffixes.set(offsetMs, suffix);
  }
  return suffix;
}

function formatIso(instant: number, offsetMs: number): string {
  const wall = new Date(instant + offsetMs).toISOString().slice(0, 19);
  if (offsetMs === 0) return `${wall}Z`;
  const sign = offsetMs > 0 ? '+' : '-';
  const minutes = Math.abs(offsetMs) / 60_000;
  const pad = (value: number) => String(Math.floor(value)).padStart(2, '0');
  return `${wall}${sign}${pad(minutes / 60)}:${pad(minutes % 60)}`;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Milliseconds to add to UTC to get the zone's wall time at `instant`. */
function offsetAt(timeZone: string, instant: number): number {
  let days = dayOffsets.get(timeZone);
  if (days === undefined) {
    days = new Map();
    dayOffsets.set(timeZone, days);
  }
  const day = Math.floor(instant / DAY_MS);
  let whole = days.get(day);
  if (whole === undefined) {
    // A day whose first and last quarter hours share an offset keeps it all day (zones change at
    // most once a day); only a changeover day is resolved to the quarter hour.
    const first = offsetFromIntl(timeZone, day * DAY_MS);
    const last = offsetFromIntl(timeZone, (day + 1) * DAY_MS - QUARTER_HOUR_MS);
    whole = first === last ? first : null;
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    days.set(day, whole);
  }
  if (whole !== null) return whole;
  // A changeover day: its quarter hours are cached too (a listing meets every user created or
  // logged in on one, and Intl costs microseconds per call).
  const quarter = Math.floor(instant / QUARTER_HOUR_MS);
  const key = `${timeZone}|${quarter}`;
  let offset = quarterOffsets.get(key);
  if (offset === undefined) {
    offset = offsetFromIntl(timeZone, quarter * QUARTER_HOUR_MS);
    if (quarterOffsets.size >= MAX_CACHED_QUARTERS) quarterOffsets.clear();
    quarterOffsets.set(key, offset);
  }
  return offset;
}

// Quarter hours of changeover days, all zones together: 96 a day, a few days a year.
const quarterOffsets = new Map<string, number>();
const MAX_CACHED_QUARTERS = 20_000;

function offsetFromIntl(timeZone: string, at: number): number {
  const field: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) field[part.type] = Number(part.value);
  const wall = Date.UTC(field.year!, field.month! - 1, field.day!, field.hour!, field.minute!, field.second!);
  return wall - at;
}
