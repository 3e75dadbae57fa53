import type { BusinessHours } from '../whatsappSettings.ts';
import { localTime, zonedInstant } from './zonedTime.ts';

/**
 * Business hours in the portal's time zone (issue 7 §8: campaign sends only inside them). Windows are per
 * ISO weekday as HH:MM (whatsappSettings.ts). [M] No windows at all means no restriction.
 */

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

/** Whether `at` falls inside an opening window. */
export function isOpen(at: number, hours: BusinessHours): boolean {
  if (hours.windows.length === 0) return true;
  const t = localTime(at, hours.timeZone);
  const now = hhmm(t.hour, t.minute);
  return hours.windows.some((w) => w.day === t.weekday && w.open <= now && now < w.close);
}

/**
 * `at` itself when open, else the next instant a window opens, looking up to 8 days ahead (a week plus the
 * rest of today). Computed per local day, so a DST change between now and the opening is handled.
 */
export function nextOpening(at: number, hours: BusinessHours): number {
  if (isOpen(at, hours)) return at;
  const today = localTime(at, hours.timeZone);
  for (let offset = 0; offset <= 8; offset++) {
    const weekday = ((today.weekday - 1 + offset) % 7) + 1;
    const windows = hours.windows.filter((w) => w.day === weekday).sort((a, b) => a.open.localeCompare(b.open));
    for (const w of windows) {
      const [hour, minute] = w.open.split(':').map(Number) as [number, number];
      const opens = zonedInstant(
        { year: today.year, month: today.month, day: today.day + offset, hour, minute },
        hours.timeZone,
      );
      if (opens > at) return opens;
    }
  }
  throw new Error('business hours have windows but none opens within 8 days'); // unreachable with valid settings
}
