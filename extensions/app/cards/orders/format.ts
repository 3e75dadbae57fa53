import { formatInstant } from '../lib/formatTime.ts';
import type { OrdersScope } from './scope.ts';

/** What the card shows for a value the order does not have. */
export const NONE = '—';

type Locale = Pick<OrdersScope, 'locale' | 'timeZone'>;

/**
 * An amount with its currency in the rep's locale ("€1,250.00"). The contract carries decimals as strings so money
 * never passes through a float; Intl formats the string as is (ES2023). An unknown code still shows the amount.
 */
export function formatMoney(value: string | null, currency: string | null, scope: Locale): string {
  if (value === null) return NONE;
  const amount = value as `${number}`;
  try {
    if (currency === null) return new Intl.NumberFormat(scope.locale).format(amount);
    return new Intl.NumberFormat(scope.locale, { style: 'currency', currency }).format(amount);
  } catch {
    return currency === null ? value : `${value} ${currency}`;
  }
}

/** A calendar date ("2026-01-31" → "Jan 31, 2026"): no time zone shift, it is a day, not an instant. */
export function formatDay(day: string | null, scope: Locale): string {
  if (day === null) return NONE;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  try {
    return date.toLocaleDateString(scope.locale, { timeZone: 'UTC', dateStyle: 'medium' });
  } catch {
    return day;
  }
}

/** An instant in the portal's time zone, or the placeholder when the order has none. */
export function formatTime(iso: string | null, scope: Locale): string {
  return iso === null ? NONE : formatInstant(iso, scope);
}

/** `null` → the placeholder, so a DescriptionList row never renders empty. */
export const orNone = (text: string | null): string => (text === null || text.trim() === '' ? NONE : text);
