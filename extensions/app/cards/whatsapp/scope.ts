import type { CrmContext } from '@hubspot/ui-extensions';

/** Who the card is about and how to show times: every request names the portal and contact. */
export interface CardScope {
  portalId: number;
  /** The contract wants the HubSpot record id as a digit string; context gives a number. */
  contactId: string;
  timeZone: string;
  locale: string | undefined;
}

export function scopeFrom(context: CrmContext): CardScope {
  return {
    portalId: context.portal.id,
    contactId: String(context.crm.objectId),
    timeZone: context.portal.timezone,
    locale: context.user.locale,
  };
}

/** A timestamp in the portal's time zone (what the rest of HubSpot shows), e.g. "Nov 20, 2026, 9:05 AM". */
export function formatTime(iso: string, scope: CardScope): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return date.toLocaleString(scope.locale, { timeZone: scope.timeZone, dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    // An unknown zone or locale in the worker throws RangeError; a UTC time beats a blank card.
    return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
}
