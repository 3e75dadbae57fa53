import type { Portal, StoredObject } from '../state.ts';
import { type CrmFailure, validationFailure } from './crmErrors.ts';
import { findByProperty, storeOf } from './records.ts';
import { uniqueProperties } from './uniqueness.ts';

/**
 * Finds a record by id or by a unique `idProperty` (reference §2: `idProperty` must be a unique-value property, or
 * `email` for contacts). `archived` selects archived records instead of live ones, like the `archived` query flag.
 */
export function lookupRecord(
  portal: Portal,
  objectType: string,
  idOrValue: string,
  idProperty: string | undefined,
  archived = false,
): StoredObject | undefined | CrmFailure {
  if (idProperty && idProperty !== 'hs_object_id') {
    if (!uniqueProperties(portal, objectType).includes(idProperty)) {
      return validationFailure(`${idProperty} is not a unique property and cannot be used as idProperty`); // [U]
    }
    if (archived) return undefined;
    return findByProperty(portal, objectType, idProperty, idOrValue);
  }
  const r = storeOf(portal, objectType).get(idOrValue);
  return r && r.archived === archived ? r : undefined;
}

export function isCrmFailure(x: unknown): x is CrmFailure {
  return typeof x === 'object' && x !== null && 'status' in x && 'body' in x;
}
