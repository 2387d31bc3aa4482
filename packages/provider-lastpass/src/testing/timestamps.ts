/**
 * Wall-clock formatting in the simulated account's time zone, as `YYYY-MM-DD HH:MM:SS` (§4.1, §4.11).
 * Intl is slow per call, so only the zone offset is asked of it, cached per quarter hour (DST and
 * half-hour zones change offset on those boundaries); a 100k-user unpaged read stays cheap.
 */
export interface WallClock {
  readonly timeZone: string;
  format(epochMs: number): string;
  /** Parses `YYYY-MM-DD HH:MM:SS[.ffffff]` (zone wall time) or an ISO string with an offset; NaN if neither. */
  parse(text: string): number;
}

const QUARTER_HOUR_MS = 15 * 60 * 1000;
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function createWallClock(timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsets = new Map<number, number>();

  const offsetAt = (epochMs: number): number => {
    const bucket = Math.floor(epochMs / QUARTER_HOUR_MS);
    const cached = offsets.get(bucket);
    if (cached !== undefined) return cached;
    const at = bucket * QUARTER_HOUR_MS;
    const field: Record<string, number> = {};
    for (const part of parts.formatToParts(at)) field[part.type] = Number(part.value);
    const wall = Date.UTC(
      field.year!,
      field.month! - 1,
      field.day!,
      field.hour!,
      field.minute!,
      field.second!,
    );
    const offset = wall - at;
    offsets.set(bucket, offset);
    return offset;
  };

  return {
    timeZone,
    format(epochMs) {
      const iso = new Date(epochMs + offsetAt(epochMs)).toISOString();
      return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    },
    parse(text) {
      const match = WALL_TIME.exec(text.trim());
      if (match === null) return Date.parse(text);
      const [, y, mo, d, h, mi, s, frac] = match;
      const wall =
        Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) +
        Number((frac ?? '').padEnd(3, '0').slice(0, 3));
      // Two fixed-point steps settle the offset except inside a DST gap, which is good enough here.
      const first = wall - offsetAt(wall);
      return wall - offsetAt(first);
    },
  };
}
