import type { AssociationRecord, Portal } from '../state.ts';
import { type AssociationTypeDef, findType } from './associationTypes.ts';
import { type CrmFailure, notFoundFailure, validationFailure } from './crmErrors.ts';
import { profileOf } from './objectProfiles.ts';
import { findLive } from './records.ts';

/**
 * Shared pieces of the v4 association endpoints: resolving AssociationSpecs, checking both records exist, and the
 * response shapes (reference §4.1). Object ids in `toObjectId` / LabelsBetweenObjectPair are JSON numbers, as in
 * HubSpot's documented examples, although the SDK types them as strings: callers should normalise with String(). [U]
 */
export interface Spec {
  associationCategory: string;
  associationTypeId: number;
}

export function numericId(id: string): number | string {
  return /^\d+$/.test(id) ? Number(id) : id;
}

/** The AssociationTypeDefs for the given specs, or a 400 naming the first spec HubSpot would not know. */
export function resolveSpecs(fromType: string, toType: string, specs: Spec[]): AssociationTypeDef[] | CrmFailure {
  const defs: AssociationTypeDef[] = [];
  for (const s of specs) {
    const def =
      s.associationCategory === 'HUBSPOT_DEFINED' ? findType(fromType, toType, s.associationTypeId) : undefined;
    // No custom (USER_DEFINED / INTEGRATOR_DEFINED) labels exist in the sandbox. [M]
    if (!def) {
      return validationFailure(
        `association type ${s.associationCategory}/${s.associationTypeId} does not exist between ${fromType} and ${toType}`,
      ); // [U] wording
    }
    defs.push(def);
  }
  if (defs.length === 0) return validationFailure('At least one association type is required');
  return defs;
}

/** 404 unless both records exist and are live (HubSpot will not associate archived or unknown records). */
export function checkEnds(
  portal: Portal,
  from: { type: string; id: string },
  to: { type: string; id: string },
): CrmFailure | undefined {
  for (const end of [from, to]) {
    if (!findLive(portal, end.type, end.id)) {
      return notFoundFailure(`No ${profileSingular(end.type)} with id ${end.id} exists.`); // [U] wording
    }
  }
  return undefined;
}

function profileSingular(t: string) {
  return t === 'companies' ? 'company' : t.replace(/s$/, '');
}

/** `{toObjectId, associationTypes: [{category, typeId, label}]}` for the GET list and batch read. */
export function multiAssociated(a: AssociationRecord) {
  return {
    toObjectId: numericId(a.toId),
    associationTypes: a.types.map((t) => ({ category: t.category, typeId: t.typeId, label: t.label })),
  };
}

/** LabelsBetweenObjectPair after a labelled create (labels: the non-null labels now held by the pair). */
export function labelsBetween(portal: Portal, fromType: string, fromId: string, toType: string, toId: string) {
  const rec = portal.associations.find(
    (a) => a.fromType === fromType && a.fromId === fromId && a.toType === toType && a.toId === toId,
  );
  return {
    fromObjectTypeId: profileOf(fromType).objectTypeId,
    fromObjectId: numericId(fromId),
    toObjectTypeId: profileOf(toType).objectTypeId,
    toObjectId: numericId(toId),
    labels: (rec?.types ?? []).map((t) => t.label).filter((l): l is string => l !== null),
  };
}

/** Both directions of a default association, as PUT .../default and batch/associate/default report them. [U] */
export function defaultResults(from: string, to: string, def: AssociationTypeDef) {
  return [
    {
      from: { id: from },
      to: { id: to },
      associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: def.typeId },
    },
    {
      from: { id: to },
      to: { id: from },
      associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: def.inverseTypeId },
    },
  ];
}
