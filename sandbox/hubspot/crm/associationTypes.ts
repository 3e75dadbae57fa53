/**
 * HUBSPOT_DEFINED association types between the standard objects (reference/hubspot-api.md §4.2, cross-checked with
 * the `AssociationTypes` enum shipped in @hubspot/api-client 14.0.1 [C]). Each entry names the type and its
 * inverse, so writing one direction lets the sandbox answer the other (creating contact→company 279 also makes
 * company→contact 280 visible), as HubSpot does.
 */
export interface AssociationTypeDef {
  fromType: string; // canonical plural
  toType: string;
  typeId: number;
  inverseTypeId: number;
  /** null for the unlabelled default type; HubSpot labels the primary company types "Primary". */
  label: string | null;
  /** The type `PUT .../associations/default/...` and `batch/associate/default` create. */
  isDefault: boolean;
}

type Row = [from: string, to: string, typeId: number, inverse: number, label: string | null, isDefault: boolean];

const ROWS: Row[] = [
  ['contacts', 'companies', 279, 280, null, true],
  ['contacts', 'companies', 1, 2, 'Primary', false],
  ['deals', 'contacts', 3, 4, null, true],
  ['deals', 'companies', 341, 342, null, true],
  ['deals', 'companies', 5, 6, 'Primary', false],
  ['contacts', 'tickets', 15, 16, null, true],
  ['deals', 'line_items', 19, 20, null, true],
  ['tickets', 'companies', 339, 340, null, true],
  ['tickets', 'companies', 26, 25, 'Primary', false],
  ['deals', 'tickets', 27, 28, null, true],
  ['communications', 'contacts', 81, 82, null, true],
  ['communications', 'tickets', 83, 84, null, true],
  ['communications', 'deals', 85, 86, null, true],
  ['communications', 'companies', 87, 88, null, true],
  ['meetings', 'contacts', 200, 199, null, true],
  ['meetings', 'companies', 188, 187, null, true],
  ['meetings', 'deals', 212, 211, null, true],
  ['meetings', 'tickets', 226, 225, null, true],
  ['notes', 'contacts', 202, 201, null, true],
  ['notes', 'companies', 190, 189, null, true],
  ['notes', 'deals', 214, 213, null, true],
  ['notes', 'tickets', 228, 227, null, true],
  ['tasks', 'contacts', 204, 203, null, true],
  ['tasks', 'companies', 192, 191, null, true],
  ['tasks', 'deals', 216, 215, null, true],
  ['tasks', 'tickets', 230, 229, null, true],
  ['contacts', 'contacts', 449, 449, null, true],
  ['companies', 'companies', 450, 450, null, true],
  ['deals', 'deals', 451, 451, null, true],
  ['tickets', 'tickets', 452, 452, null, true],
  // Parent/child companies: A→B 13 means A is B's parent; B→A then carries 14. [C: SDK enum]
  ['companies', 'companies', 13, 14, 'Parent Company', false],
  ['companies', 'companies', 14, 13, 'Child Company', false],
];

function expand(): AssociationTypeDef[] {
  const out: AssociationTypeDef[] = [];
  for (const [fromType, toType, typeId, inverseTypeId, label, isDefault] of ROWS) {
    out.push({ fromType, toType, typeId, inverseTypeId, label, isDefault });
    const selfInverse = fromType === toType && (typeId === inverseTypeId || ROWS.some((r) => r[2] === inverseTypeId));
    if (!selfInverse)
      out.push({ fromType: toType, toType: fromType, typeId: inverseTypeId, inverseTypeId: typeId, label, isDefault });
  }
  return out;
}

const TABLE = expand();

/** All HUBSPOT_DEFINED types from one object type to another. */
export function typesBetween(fromType: string, toType: string): AssociationTypeDef[] {
  return TABLE.filter((t) => t.fromType === fromType && t.toType === toType);
}

/** The type a "default" association between the two object types uses, if the pair can be associated at all. */
export function defaultType(fromType: string, toType: string): AssociationTypeDef | undefined {
  return TABLE.find((t) => t.fromType === fromType && t.toType === toType && t.isDefault);
}

/** The definition of `typeId` for the pair, or undefined when HubSpot defines no such type there. */
export function findType(fromType: string, toType: string, typeId: number): AssociationTypeDef | undefined {
  return TABLE.find((t) => t.fromType === fromType && t.toType === toType && t.typeId === typeId);
}

/** Inline associations on create name only a typeId: the to-type is the one that typeId leads to from `fromType`. */
export function targetTypesOf(fromType: string, typeId: number): string[] {
  return [...new Set(TABLE.filter((t) => t.fromType === fromType && t.typeId === typeId).map((t) => t.toType))];
}
