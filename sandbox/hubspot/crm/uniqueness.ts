import type { Portal, StoredObject } from '../state.ts';
import { findByProperty } from './records.ts';

/**
 * Unique-value properties: contacts' `email` (HubSpot deduplicates contacts by email) and every property defined
 * with `hasUniqueValue: true` (reference §2 upsert, §5).
 */
export function uniqueProperties(portal: Portal, objectType: string): string[] {
  const names = [...(portal.properties.get(objectType)?.values() ?? [])]
    .filter((d) => d.hasUniqueValue)
    .map((d) => d.name);
  if (objectType === 'contacts' && !names.includes('email')) names.push('email');
  return names;
}

/** A pending write other inputs of the same request must not collide with. */
export interface PendingValues {
  id: string;
  values: Record<string, string>;
}

const same = (property: string, a: string, b: string) =>
  property === 'email' ? a.toLowerCase() === b.toLowerCase() : a === b;

/**
 * Returns the first unique property whose new value is already held by another live record or by an earlier
 * input of the same batch (HubSpot rejects duplicate emails within one batch too), with that holder's id.
 */
export function findUniqueConflict(
  portal: Portal,
  objectType: string,
  selfId: string | undefined,
  values: Record<string, string>,
  pending: PendingValues[],
): { property: string; existingId: string } | undefined {
  for (const property of uniqueProperties(portal, objectType)) {
    const value = values[property];
    if (value === undefined || value === '') continue;
    const holder: StoredObject | undefined = findByProperty(portal, objectType, property, value);
    if (holder && holder.id !== selfId) return { property, existingId: holder.id };
    const earlier = pending.find(
      (p) => p.id !== selfId && p.values[property] !== undefined && same(property, p.values[property], value),
    );
    if (earlier) return { property, existingId: earlier.id };
  }
  return undefined;
}
