/**
 * LastPass reports `YYYY-MM-DD HH:MM:SS` without a zone. These helpers read such a wall time in an
 * IANA zone and write it as ISO 8601 with that zone's offset at that instant (DST included).
 */
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_CACHED_OFFSETS = 20_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
// Offsets only change on quarter-hour boundaries (DST, half-hour zones). Intl is slow per call and a
// 100k-user listing converts 200k timestamps, so offsets are cached per zone and quarter hour.
const offsets = new Map<string, number>();

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** ISO 8601 with offset for a LastPass wall time in `timeZone`; undefined when `text` is not one. */
export function wallTimeToIso(text: string | null | undefined, timeZone: string): string | undefined {
  const match = WALL_TIME.exec(text?.trim() ?? '');
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
  const valid = [asUtc - before, asUtc - after].filter((at) => at + offsetAt(timeZone, at) === asUtc);
  const instant = valid.length > 0 ? Math.min(...valid) : asUtc - before;
  return formatIso(instant, offsetAt(timeZone, instant));
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
  const bucket = Math.floor(instant / QUARTER_HOUR_MS);
  const key = `${timeZone}|${bucket}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const at = bucket * QUARTER_HOUR_MS;
  const field: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) field[part.type] = Number(part.value);
  const wall = Date.UTC(field.year!, field.month! - 1, field.day!, field.hour!, field.minute!, field.second!);
  const offset = wall - at;
  if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
  offsets.set(key, offset);
  return offset;
}
