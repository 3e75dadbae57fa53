/** The locale and time zone a card formats with: the portal's zone, as the rest of HubSpot shows times. */
export interface DisplayLocale {
  locale?: string;
  timeZone: string;
}

/** An instant in the portal's time zone, e.g. "Nov 20, 2026, 9:05 AM"; an unparsable value is shown as it came. */
export function formatInstant(iso: string, scope: DisplayLocale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return date.toLocaleString(scope.locale, { timeZone: scope.timeZone, dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    // An unknown zone or locale in the worker throws RangeError; a UTC time beats a blank card.
    return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
}
