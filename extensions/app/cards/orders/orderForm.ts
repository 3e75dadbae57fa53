import type { BaseDate } from '@hubspot/ui-extensions';
import {
  type CreateOrderFieldName,
  CreateOrderFieldErrors,
  CreateOrderFields,
  type CreateOrderPrefill,
  CreateOrderRequest,
  orderFormErrorsOf,
} from '@switchboard/contract';

/**
 * The *Create order* form as data: its values (strings, as inputs hold them), the request they become, and the
 * errors that request earns from the contract's own schema or from the service. No React here.
 */

/** The form's fields, in the order the contract declares them (name, date, value, currency, customer…). */
export const FORM_FIELDS: readonly CreateOrderFieldName[] = CreateOrderFields.keyof().options;

export type FormValues = Record<CreateOrderFieldName, string>;
export type FieldErrors = Partial<Record<CreateOrderFieldName, string>>;

/** Errors split into the ones shown next to a field and the rest (shown in an Alert). */
export interface SortedErrors {
  fields: FieldErrors;
  other: string[];
}

const isFormField = (key: string): key is CreateOrderFieldName => (FORM_FIELDS as readonly string[]).includes(key);

/** The prefill's mapped values as the inputs start out; a value the deal does not have starts empty. */
export function valuesFromPrefill(prefill: CreateOrderPrefill): FormValues {
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, prefill.fields[f] ?? ''])) as FormValues;
}

/**
 * What the rep reviewed, as the request's `fields`: every field is sent (the order matches the form even if the
 * deal changed since the card loaded), trimmed; an emptied field is sent as null ("no value", not "take the
 * deal's"). The name stays a string so the schema answers "Enter an order name", not a type error.
 */
export function fieldsOf(values: FormValues): Record<CreateOrderFieldName, string | null> {
  const out = {} as Record<CreateOrderFieldName, string | null>;
  for (const f of FORM_FIELDS) {
    const v = f === 'currency' ? values[f].trim().toUpperCase() : values[f].trim();
    out[f] = v === '' && f !== 'name' ? null : v;
  }
  return out;
}

/** Keys a message to its form field when it has one; anything else (a custom mapped field…) goes to `other`. */
export function sortErrors(byKey: Record<string, string>): SortedErrors {
  const sorted: SortedErrors = { fields: {}, other: [] };
  for (const [key, message] of Object.entries(byKey)) {
    if (isFormField(key)) sorted.fields[key] ??= message;
    else sorted.other.push(key === 'request' ? message : `${key}: ${message}`);
  }
  return sorted;
}

/** The contract's request schema applied in the card, so it refuses exactly what the service would. */
export function validate(request: { portalId: number; dealId: string; fields: Record<string, unknown> }): SortedErrors {
  const parsed = CreateOrderRequest.safeParse(request);
  return parsed.success ? { fields: {}, other: [] } : sortErrors(orderFormErrorsOf(parsed.error));
}

/** The per-field messages of a 400 from the create endpoint (`error.details.fields`), or null if it has none. */
export function serverFieldErrors(details: unknown): Record<string, string> | null {
  const parsed = CreateOrderFieldErrors.safeParse(details);
  return parsed.success && Object.keys(parsed.data.fields).length > 0 ? parsed.data.fields : null;
}

/** The prefill's mapping issues (e.g. "deal has no amount"), keyed like the errors above. */
export function prefillIssues(prefill: CreateOrderPrefill): SortedErrors {
  const byKey: Record<string, string> = {};
  for (const issue of prefill.issues) byKey[issue.field] ??= issue.message;
  return sortErrors(byKey);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-01-31" → DateInput's value (months from 0); null when the text is not a day. */
export function toBaseDate(day: string): BaseDate | null {
  const m = DAY.exec(day.trim());
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]) - 1, date: Number(m[3]) };
}

/** DateInput's value → "2026-01-31", the contract's date format; cleared → "". */
export function fromBaseDate(d: BaseDate | null | undefined): string {
  if (!d) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.year).padStart(4, '0')}-${pad(d.month + 1)}-${pad(d.date)}`;
}
