/**
 * Wall-clock time in an IANA time zone with nothing but `Intl.DateTimeFormat` (no date library is
 * installed). Campaign waits and business hours are local notions: "wait 2 days" from Monday 10:00 means
 * Wednesday 10:00 on the portal's clock, also across a DST change.
 */

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of `at` (epoch ms) in `timeZone`. */
export function localTime(at: number, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

/** Local minus UTC, in ms, at instant `at` (minute precision, which every zone in use has). */
function offsetAt(at: number, timeZone: string): number {
  const t = localTime(at, timeZone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) - Math.floor(at / 60_000) * 60_000;
}

const HOUR = 3_600_000;

/**
 * The instant a wall-clock time happens in `timeZone`. Day and month may overflow (Date.UTC normalises:
 * day 32 is the 1st of the next month). Like Temporal's "compatible" disambiguation: a time repeated when
 * clocks go back is its first occurrence; a time skipped when clocks go forward is moved forward by the gap.
 */
export function zonedInstant(
  t: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): number {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  // Offsets on either side of any transition near this wall time (zones change at most once in 12 h).
  const before = offsetAt(wall - 12 * HOUR, timeZone);
  const after = offsetAt(wall + 12 * HOUR, timeZone);
  const fits = (instant: number) => offsetAt(instant, timeZone) === wall - instant;
  const candidates = [wall - before, wall - after].filter(fits).sort((a, b) => a - b);
  return candidates[0] ?? wall - before;
}

/** The same wall-clock time `days` calendar days later (or earlier) in `timeZone`. */
export function addLocalDays(at: number, days: number, timeZone: string): number {
  const t = localTime(at, timeZone);
  return zonedInstant({ ...t, day: t.day + days }, timeZone);
}
