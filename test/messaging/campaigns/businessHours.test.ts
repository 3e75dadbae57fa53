import { describe, expect, it } from 'vitest';
import { isOpen, nextOpening } from '../../../src/messaging/campaigns/businessHours.ts';
import { addLocalDays, zonedInstant } from '../../../src/messaging/campaigns/zonedTime.ts';
import type { BusinessHours } from '../../../src/messaging/whatsappSettings.ts';

const weekdays = (timeZone: string, open = '09:00', close = '18:00'): BusinessHours => ({
  timeZone,
  windows: [1, 2, 3, 4, 5].map((day) => ({ day, open, close })),
});
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('business hours in the portal time zone', () => {
  it.each([
    // instant (UTC), zone, open?
    ['2026-03-02T08:00:00Z', 'Europe/Madrid', true], // Monday 09:00 in Madrid (UTC+1)
    ['2026-03-02T07:59:00Z', 'Europe/Madrid', false],
    ['2026-03-02T17:00:00Z', 'Europe/Madrid', false], // 18:00: closing time is closed
    ['2026-03-07T10:00:00Z', 'Europe/Madrid', false], // Saturday
    ['2026-03-02T14:00:00Z', 'America/New_York', true], // 09:00 EST
    ['2026-03-03T01:00:00Z', 'Asia/Tokyo', true], // Tuesday 10:00 in Tokyo while Monday in UTC
  ])('%s in %s: open %s', (when, zone, open) => {
    expect(isOpen(at(when), weekdays(zone))).toBe(open);
  });

  it.each([
    ['inside hours: now', '2026-03-02T10:00:00Z', 'Europe/Madrid', '2026-03-02T10:00:00.000Z'],
    ['before opening: today 09:00', '2026-03-02T06:00:00Z', 'Europe/Madrid', '2026-03-02T08:00:00.000Z'],
    ['after closing: tomorrow 09:00', '2026-03-02T18:30:00Z', 'Europe/Madrid', '2026-03-03T08:00:00.000Z'],
    ['Friday evening: Monday 09:00', '2026-03-06T19:00:00Z', 'Europe/Madrid', '2026-03-09T08:00:00.000Z'],
    [
      'Saturday before Madrid goes to summer time (Sun 29 Mar): Monday 09:00 is UTC+2',
      '2026-03-28T10:00:00Z',
      'Europe/Madrid',
      '2026-03-30T07:00:00.000Z',
    ],
    [
      'New York Friday before the March DST switch: Monday 09:00 EDT',
      '2026-03-06T23:00:00Z',
      'America/New_York',
      '2026-03-09T13:00:00.000Z',
    ],
    [
      'New York Friday before the November switch back: Monday 09:00 EST',
      '2026-10-30T23:00:00Z',
      'America/New_York',
      '2026-11-02T14:00:00.000Z',
    ],
  ])('next opening, %s', (_case, from, zone, expected) => {
    expect(iso(nextOpening(at(from), weekdays(zone)))).toBe(expected);
  });

  it('several windows a day: the afternoon one after lunch', () => {
    const hours: BusinessHours = {
      timeZone: 'Europe/Madrid',
      windows: [
        { day: 1, open: '09:00', close: '14:00' },
        { day: 1, open: '16:00', close: '19:00' },
      ],
    };
    expect(iso(nextOpening(at('2026-03-02T13:30:00Z'), hours))).toBe('2026-03-02T15:00:00.000Z');
  });

  it('no windows at all means no restriction [M]', () => {
    expect(isOpen(at('2026-03-07T03:00:00Z'), { timeZone: 'UTC', windows: [] })).toBe(true);
  });

  it.each([
    [
      'a time skipped when clocks go forward moves forward by the gap',
      { year: 2026, month: 3, day: 8, hour: 2, minute: 30 },
      'America/New_York',
      '2026-03-08T07:30:00.000Z',
    ],
    [
      'a time repeated when clocks go back is its first occurrence',
      { year: 2026, month: 11, day: 1, hour: 1, minute: 30 },
      'America/New_York',
      '2026-11-01T05:30:00.000Z',
    ],
    [
      'an ordinary time',
      { year: 2026, month: 7, day: 1, hour: 9, minute: 0 },
      'Europe/Madrid',
      '2026-07-01T07:00:00.000Z',
    ],
  ])('wall clock to instant: %s', (_case, wall, zone, expected) => {
    expect(iso(zonedInstant(wall, zone))).toBe(expected);
  });

  it('"2 days later" keeps the local time across a DST change (47 h of real time here)', () => {
    const friday = at('2026-03-27T09:00:00Z'); // 10:00 in Madrid, UTC+1
    expect(iso(addLocalDays(friday, 2, 'Europe/Madrid'))).toBe('2026-03-29T08:00:00.000Z'); // Sunday 10:00, UTC+2
  });
});
