import { formatInstant } from '../lib/formatTime.ts';
import type { SessionsScope } from './scope.ts';

type Locale = Pick<SessionsScope, 'locale' | 'timeZone'>;

/** When a session started, in the portal's time zone. */
export const formatTime = (iso: string, scope: Locale): string => formatInstant(iso, scope);

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An action item's due date. The platform sends a day ("2026-03-01", shown as is: a day has no time zone) or a
 * date-time (shown as its day in the portal's zone, as HubSpot shows task due dates).
 */
export function formatDue(due: string, scope: Locale): string {
  const isDay = DAY.test(due);
  const date = new Date(isDay ? `${due}T00:00:00Z` : due);
  if (Number.isNaN(date.getTime())) return due;
  try {
    return date.toLocaleDateString(scope.locale, { timeZone: isDay ? 'UTC' : scope.timeZone, dateStyle: 'medium' });
  } catch {
    return due.slice(0, 10);
  }
}

/** 45 → "45 sec", 1500 → "25 min", 3900 → "1 h 5 min": how long a call took, at a glance. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, seconds)} sec`;
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
