import { IsoTimestamp } from '@provisionkit/core';
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, wallTimeToIso } from './wall-time.js';

describe('wallTimeToIso', () => {
  it('reads the wall time in UTC as Z', () => {
    expect(wallTimeToIso('2022-05-11 11:02:26', 'UTC')).toBe('2022-05-11T11:02:26Z');
  });

  it('keeps the wall time and adds the zone offset, DST included', () => {
    expect(wallTimeToIso('2022-05-11 11:02:26', 'America/New_York')).toBe('2022-05-11T11:02:26-04:00');
    expect(wallTimeToIso('2022-01-11 11:02:26', 'America/New_York')).toBe('2022-01-11T11:02:26-05:00');
    expect(wallTimeToIso('2022-01-11 11:02:26', 'Asia/Kolkata')).toBe('2022-01-11T11:02:26+05:30');
  });

  it('round-trips every wall time of two years in zones with odd offsets and changeovers', () => {
    const zones = ['America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'];
    const step = 97 * 60 * 1000; // not a divisor of a day, so every quarter hour comes round
    for (const timeZone of zones) {
      const wallOf = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' });
      const mismatches: string[] = [];
      for (let at = Date.UTC(2023, 0, 1); at < Date.UTC(2025, 0, 1); at += step) {
        const wall = wallOf.format(at);
        const iso = wallTimeToIso(wall, timeZone);
        // The instant may differ only for a wall time that occurs twice; its wall time may not.
        if (iso === undefined || wallOf.format(Date.parse(iso)) !== wall)
          mismatches.push(`${wall} -> ${iso}`);
      }
      expect(mismatches, timeZone).toEqual([]);
    }
  });

  it('denotes the same instant whatever the zone', () => {
    const eastern = wallTimeToIso('2022-05-11 11:02:26', 'America/New_York')!;
    expect(Date.parse(eastern)).toBe(Date.parse('2022-05-11T15:02:26Z'));
  });

  it('moves a wall time inside a spring-forward gap past the gap', () => {
    const iso = wallTimeToIso('2022-03-13 02:30:00', 'America/New_York')!;
    expect(IsoTimestamp.safeParse(iso).success).toBe(true);
    expect(iso).toBe('2022-03-13T03:30:00-04:00');
  });

  it('gives every wall time of a changeover day the same answer whichever was converted first', () => {
    for (const [zone, day] of [
      ['America/New_York', '2031-03-09'],
      ['America/New_York', '2031-11-02'],
      ['Australia/Lord_Howe', '2031-04-06'],
      ['Asia/Kathmandu', '2031-06-01'],
    ] as const) {
      const times = Array.from({ length: 24 * 12 }, (_, index) => {
        const minutes = index * 5 + (index % 7);
        const pad = (value: number) => String(value).padStart(2, '0');
        return `${day} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:${pad((index * 13) % 60)}`;
      });
      const forward = times.map((text) => wallTimeToIso(text, zone));
      const backward = [...times].reverse().map((text) => wallTimeToIso(text, zone));
      expect(backward.reverse()).toEqual(forward);
      // Only a wall time inside a spring-forward gap is moved; every other one is kept as given.
      const kept = forward.filter((iso, index) => iso?.startsWith(times[index]!.replace(' ', 'T')));
      expect(kept.length).toBeGreaterThanOrEqual(times.length - 12);
    }
  });

  it('answers undefined for "", null and text that is not a wall time', () => {
    for (const text of ['', null, undefined, 'never', '2022-13-01 00:00:00', '2022-02-30 10:00:00']) {
      expect(wallTimeToIso(text, 'UTC')).toBeUndefined();
    }
  });

  it('produces timestamps core accepts', () => {
    expect(IsoTimestamp.safeParse(wallTimeToIso('2024-12-31 23:59:59', 'Pacific/Auckland')).success).toBe(
      true,
    );
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and refuses others', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('wallTimeToIso around a fall-back change', () => {
  it('reads a repeated wall time as the earlier instant', () => {
    expect(wallTimeToIso('2022-11-06 01:30:00', 'America/New_York')).toBe('2022-11-06T01:30:00-04:00');
    expect(wallTimeToIso('2022-11-06 03:30:00', 'America/New_York')).toBe('2022-11-06T03:30:00-05:00');
  });
});
