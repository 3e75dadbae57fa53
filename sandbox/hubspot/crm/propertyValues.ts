import type { PropertyDefinition } from '../state.ts';

/**
 * Checks one property value against its definition and returns the value HubSpot would store.
 * Error codes follow HubSpot's property-validation entries (reference/hubspot-api.md §11.1, §12.6); the exact
 * wording of each message is [U] apart from PROPERTY_DOESNT_EXIST.
 */
export type ValueCheck = { ok: true; value: string } | { ok: false; error: string; message: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// ISO 8601 with an explicit zone: HubSpot stores instants, so a zone-less time would be ambiguous. [M] strict choice
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const EPOCH_MS = /^-?\d{1,15}$/;
const DAY_MS = 86_400_000;

function fail(error: string, message: string): ValueCheck {
  return { ok: false, error, message };
}

/** Parses a date/datetime value (epoch ms, ISO 8601, or YYYY-MM-DD) to epoch ms; undefined if unparseable. */
export function parseInstant(raw: string): number | undefined {
  if (EPOCH_MS.test(raw)) return Number(raw);
  if (DATE_ONLY.test(raw) || ISO_DATETIME.test(raw)) {
    const ms = Date.parse(DATE_ONLY.test(raw) ? `${raw}T00:00:00Z` : raw);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function checkNumber(raw: string): ValueCheck {
  if (NUMBER.test(raw) && Number.isFinite(Number(raw))) return { ok: true, value: raw };
  // §11.1's sample uses INVALID_INTEGER for "was not a valid number"; we keep INVALID_DECIMAL for values with a '.'.
  const code = raw.includes('.') ? 'INVALID_DECIMAL' : 'INVALID_INTEGER';
  return fail(code, `${raw} was not a valid number.`);
}

function checkDate(raw: string): ValueCheck {
  const ms = parseInstant(raw);
  if (ms === undefined)
    return fail('INVALID_DATE', `${raw} is not a valid date. Use YYYY-MM-DD or epoch milliseconds.`);
  // Date properties hold midnight UTC only (reference §2 "Dates" [D]).
  if (ms % DAY_MS !== 0) return fail('INVALID_DATE', `${raw} is not at midnight UTC, as a date property requires.`);
  return { ok: true, value: new Date(ms).toISOString().slice(0, 10) };
}

function checkDatetime(raw: string): ValueCheck {
  const ms = parseInstant(raw);
  if (ms === undefined) {
    return fail('INVALID_DATE', `${raw} is not a valid datetime. Use ISO 8601 with a zone or epoch milliseconds.`);
  }
  return { ok: true, value: new Date(ms).toISOString() };
}

function checkBool(raw: string): ValueCheck {
  const v = raw.toLowerCase();
  if (v === 'true' || v === 'false') return { ok: true, value: v };
  return fail('INVALID_BOOLEAN', `${raw} is not a valid boolean. Use true or false.`); // code name [U]
}

function checkEnumeration(raw: string, def: PropertyDefinition, current: string | undefined): ValueCheck {
  const allowed = new Set((def.options ?? []).map((o) => o.value));
  const multi = def.fieldType === 'checkbox';
  // Multi-checkbox values are ';'-separated; a leading ';' appends to the current value (reference §2 [D]).
  const appending = multi && raw.startsWith(';');
  const parts = multi ? raw.split(';').filter((p) => p !== '') : [raw];
  const bad = parts.find((p) => !allowed.has(p));
  if (bad !== undefined) {
    return fail('INVALID_OPTION', `${bad} was not one of the allowed options: [${[...allowed].join(', ')}]`);
  }
  if (!appending) return { ok: true, value: parts.join(';') };
  const merged = [...new Set([...(current ?? '').split(';').filter((p) => p !== ''), ...parts])];
  return { ok: true, value: merged.join(';') };
}

/**
 * Validates `raw` for `def`. "" always passes: HubSpot clears a property when sent an empty string.
 * Enumerations with `externalOptions` (owners, pipelines) are checked by the caller against their source.
 */
export function checkValue(def: PropertyDefinition, raw: string, current?: string): ValueCheck {
  if (raw === '') return { ok: true, value: '' };
  switch (def.type) {
    case 'number':
      return checkNumber(raw.trim());
    case 'date':
      return checkDate(raw.trim());
    case 'datetime':
      return checkDatetime(raw.trim());
    case 'bool':
      return checkBool(raw.trim());
    case 'enumeration':
      return def.externalOptions ? { ok: true, value: raw } : checkEnumeration(raw, def, current);
    default:
      return { ok: true, value: raw };
  }
}
