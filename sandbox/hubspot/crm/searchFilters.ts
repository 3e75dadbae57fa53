import type { Portal } from '../state.ts';
import { associatedIds } from './associationStore.ts';
import { computedProperties } from './objectProfiles.ts';
import { parseInstant } from './propertyValues.ts';
import type { SearchFilter } from './searchRequest.ts';
import { canonicalObjectType } from '../objectTypes.ts';

/**
 * Evaluates search filters on the indexed view of a record (reference §3 [D]): string matching is case-insensitive,
 * enumerations are case-sensitive, numbers and dates compare numerically, and IN/NOT_IN on strings compare the
 * lower-cased stored value with the given values as sent ("IN on string properties needs lowercase values").
 */
export type Kind = 'string' | 'number' | 'date' | 'enumeration' | 'bool';

/** How a property compares, from its definition (computed properties are ids and datetimes). */
export function kindOf(portal: Portal, objectType: string, name: string): Kind | undefined {
  if (name === 'hs_object_id') return 'number';
  if (computedProperties(objectType).includes(name)) return 'date';
  const def = portal.properties.get(objectType)?.get(name);
  if (!def) return undefined;
  if (def.type === 'number') return 'number';
  if (def.type === 'date' || def.type === 'datetime') return 'date';
  if (def.type === 'enumeration') return 'enumeration';
  if (def.type === 'bool') return 'bool';
  return 'string';
}

/** Comparable form of a value of the given kind (NaN-safe: undefined when not comparable). */
export function comparable(kind: Kind, v: string): number | string | undefined {
  if (kind === 'number') return Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : undefined;
  if (kind === 'date') return parseInstant(v);
  if (kind === 'enumeration') return v;
  return v.toLowerCase();
}

function tokens(v: string): string[] {
  return v
    .toLowerCase()
    .split(/[^\p{L}\p{N}@._+-]+/u)
    .filter((t) => t !== '');
}

function containsToken(stored: string, token: string): boolean {
  const t = token.toLowerCase();
  if (!t.includes('*')) return tokens(stored).includes(t) || stored.toLowerCase() === t;
  const re = new RegExp(
    `^${t
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(stored.toLowerCase()) || tokens(stored).some((x) => re.test(x));
}

function compare(kind: Kind, stored: string, op: string, value: string, high?: string): boolean {
  const a = comparable(kind, stored);
  const b = comparable(kind, value);
  if (a === undefined || b === undefined) return false;
  if (op === 'EQ') return a === b;
  if (op === 'LT') return a < b;
  if (op === 'LTE') return a <= b;
  if (op === 'GT') return a > b;
  if (op === 'GTE') return a >= b;
  const h = comparable(kind, high ?? '');
  return h !== undefined && a >= b && a <= h; // BETWEEN, inclusive
}

function inList(kind: Kind, stored: string, values: string[]): boolean {
  if (kind === 'string') return values.includes(stored.toLowerCase());
  return values.some((v) => compare(kind, stored, 'EQ', v));
}

/** `associations.contact` (any singular type) matches records associated with the given record id(s). */
function associationFilter(portal: Portal, objectType: string, recordId: string, f: SearchFilter): boolean {
  const toType = canonicalObjectType(f.propertyName.slice('associations.'.length));
  const ids = toType ? associatedIds(portal, objectType, recordId, toType) : [];
  if (f.operator === 'EQ') return ids.includes(String(f.value));
  if (f.operator === 'IN') return (f.values ?? []).some((v) => ids.includes(v));
  if (f.operator === 'HAS_PROPERTY') return ids.length > 0;
  if (f.operator === 'NOT_HAS_PROPERTY') return ids.length === 0;
  return false;
}

/** Whether one filter matches a record whose indexed properties are `props`. */
export function matchesFilter(
  portal: Portal,
  objectType: string,
  recordId: string,
  props: Record<string, string>,
  f: SearchFilter,
): boolean {
  if (f.propertyName.startsWith('associations.')) return associationFilter(portal, objectType, recordId, f);
  const kind = kindOf(portal, objectType, f.propertyName) ?? 'string';
  const stored = props[f.propertyName];
  const has = stored !== undefined && stored !== '';
  switch (f.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'NEQ': // records without a value count as "not equal" [U]
      return !has || !compare(kind, stored, 'EQ', f.value ?? '');
    case 'IN':
      return has && inList(kind, stored, f.values ?? []);
    case 'NOT_IN':
      return !has || !inList(kind, stored, f.values ?? []);
    case 'CONTAINS_TOKEN':
      return has && containsToken(stored, f.value ?? '');
    case 'NOT_CONTAINS_TOKEN':
      return !has || !containsToken(stored, f.value ?? '');
    default:
      return has && compare(kind, stored, f.operator, f.value ?? '', f.highValue);
  }
}
