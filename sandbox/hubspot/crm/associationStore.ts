import type { AssociationRecord, Portal } from '../state.ts';
import { type AssociationTypeDef, findType } from './associationTypes.ts';
import { findLive } from './records.ts';

/**
 * Associations between records. Every write stores both directions (from→to with typeId, to→from with the inverse
 * typeId), so reads from either side agree, as on HubSpot (reference §4.2).
 */
type AssocType = AssociationRecord['types'][number];

function pairRecord(portal: Portal, fromType: string, fromId: string, toType: string, toId: string, create: boolean) {
  let rec = portal.associations.find(
    (a) => a.fromType === fromType && a.fromId === fromId && a.toType === toType && a.toId === toId,
  );
  if (!rec && create) {
    rec = { fromType, fromId, toType, toId, types: [] };
    portal.associations.push(rec);
  }
  return rec;
}

function addType(rec: AssociationRecord, t: AssocType) {
  if (!rec.types.some((x) => x.category === t.category && x.typeId === t.typeId)) rec.types.push(t);
}

function dropEmpty(portal: Portal) {
  for (let i = portal.associations.length - 1; i >= 0; i -= 1) {
    if (portal.associations[i]?.types.length === 0) portal.associations.splice(i, 1);
  }
}

/** Adds the given HUBSPOT_DEFINED types from→to and their inverses to→from. */
export function associate(
  portal: Portal,
  from: { type: string; id: string },
  to: { type: string; id: string },
  defs: AssociationTypeDef[],
): void {
  const forward = pairRecord(portal, from.type, from.id, to.type, to.id, true)!;
  const backward = pairRecord(portal, to.type, to.id, from.type, from.id, true)!;
  for (const d of defs) {
    addType(forward, { category: 'HUBSPOT_DEFINED', typeId: d.typeId, label: d.label });
    const inverseLabel = findType(to.type, from.type, d.inverseTypeId)?.label ?? d.label;
    addType(backward, { category: 'HUBSPOT_DEFINED', typeId: d.inverseTypeId, label: inverseLabel });
  }
}

/** Removes the given typeIds (or all types when omitted) between the pair, in both directions. */
export function dissociate(
  portal: Portal,
  from: { type: string; id: string },
  to: { type: string; id: string },
  defs?: AssociationTypeDef[],
): void {
  const forward = pairRecord(portal, from.type, from.id, to.type, to.id, false);
  const backward = pairRecord(portal, to.type, to.id, from.type, from.id, false);
  if (forward) forward.types = defs ? forward.types.filter((t) => !defs.some((d) => d.typeId === t.typeId)) : [];
  if (backward) {
    backward.types = defs ? backward.types.filter((t) => !defs.some((d) => d.inverseTypeId === t.typeId)) : [];
  }
  dropEmpty(portal);
}

/** Associations from one record to live records of `toType`, oldest first (archived records are hidden). */
export function associationsOf(portal: Portal, fromType: string, fromId: string, toType: string): AssociationRecord[] {
  return portal.associations.filter(
    (a) =>
      a.fromType === fromType &&
      a.fromId === fromId &&
      a.toType === toType &&
      a.types.length > 0 &&
      findLive(portal, toType, a.toId) !== undefined,
  );
}

/** Ids of `toType` records associated with the record (used by the `associations.contact` search pseudo-property). */
export function associatedIds(portal: Portal, fromType: string, fromId: string, toType: string): string[] {
  return associationsOf(portal, fromType, fromId, toType).map((a) => a.toId);
}
