import type { OrderFieldKind } from './orderFields.ts';

/**
 * Conversions between HubSpot property values (always strings on the wire, reference §1.3) and order field values.
 * Orders keep every field as a canonical string — decimals without float rounding, dates as YYYY-MM-DD — so two
 * values are equal exactly when their canonical strings are (conflict detection relies on that).
 */
export type Converted = { ok: true; value: string | null } | { ok: false; message: string };

const DECIMAL = /^[+-]?(\d+)(\.\d+)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH_MS = /^-?\d{1,15}$/;

/** "0012500.50" → "12500.5"; "-0.0" → "0". The input must match DECIMAL. */
export function normalizeDecimal(raw: string): string {
  const m = DECIMAL.exec(raw.trim());
  if (!m) throw new RangeError(`not a decimal: ${raw}`);
  const sign = raw.trim().startsWith('-') ? '-' : '';
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (m[2] ?? '').replace(/\.?0+$/, '');
  const out = `${whole}${fraction}`;
  return out === '0' ? '0' : `${sign}${out}`;
}

export const isDecimal = (raw: string): boolean => DECIMAL.test(raw.trim());

/** A HubSpot date or datetime value (YYYY-MM-DD, ISO 8601, epoch ms — reference §2 "Dates") as a UTC day. [M] UTC */
export function toDay(raw: string): string | undefined {
  const v = raw.trim();
  if (DATE_ONLY.test(v)) return Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? undefined : v;
  const ms = EPOCH_MS.test(v) ? Number(v) : Date.parse(v);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/** One HubSpot property value → the order field's canonical value; empty or absent → null. */
export function fromHubspot(kind: OrderFieldKind, raw: string | null | undefined): Converted {
  if (raw === null || raw === undefined || raw.trim() === '') return { ok: true, value: null };
  const v = raw.trim();
  switch (kind) {
    case 'number':
      return isDecimal(v) ? { ok: true, value: normalizeDecimal(v) } : { ok: false, message: `"${v}" is not a number` };
    case 'date': {
      const day = toDay(v);
      return day ? { ok: true, value: day } : { ok: false, message: `"${v}" is not a date` };
    }
    case 'bool': {
      const b = v.toLowerCase();
      return b === 'true' || b === 'false'
        ? { ok: true, value: b }
        : { ok: false, message: `"${v}" is not true/false` };
    }
    default:
      return { ok: true, value: v };
  }
}

/**
 * An order field value → what to send HubSpot. null → "" (HubSpot clears a property sent "", CONVENTIONS).
 * Dates go as epoch ms at midnight UTC, which both `date` and `datetime` properties accept (reference §2).
 */
export function toHubspot(kind: OrderFieldKind, value: string | null): string {
  if (value === null) return '';
  if (kind === 'date') return String(Date.parse(`${value}T00:00:00Z`));
  return value;
}

/** Checks a value typed by a person (card form, manual conflict resolution) and returns it canonical. */
export function parseTyped(kind: OrderFieldKind, raw: string | null): Converted {
  if (raw === null) return { ok: true, value: null };
  if (kind === 'date' && raw.trim() !== '' && !DATE_ONLY.test(raw.trim())) {
    return { ok: false, message: `"${raw}" is not a date in the form YYYY-MM-DD` };
  }
  return fromHubspot(kind, raw);
}
