import type { Portal, StoredObject } from '../state.ts';
import { canonicalObjectType } from '../objectTypes.ts';
import { associationsOf } from './associationStore.ts';
import { findType, typesBetween } from './associationTypes.ts';
import { computedProperties, profileOf } from './objectProfiles.ts';

/** HubSpot's SimplePublicObject(WithAssociations) as the routes return it (reference §2). */
export interface PublicObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  objectWriteTraceId?: string;
  associations?: Record<string, { results: { id: string; type: string }[] }>;
}

export interface ViewOptions {
  /** Requested property names; unknown names are ignored, known-but-empty ones come back as null. */
  properties?: string[];
  /** Object types whose associations to include (v3 `associations` query parameter). */
  associations?: string[];
  objectWriteTraceId?: string;
}

/** Splits `a,b` query values (repeated or comma-joined, as the SDK sends them) into names. */
export function listParam(raw: unknown): string[] {
  const parts = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return parts
    .flatMap((p) => String(p).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Which property names a read shows: requested ∪ computed, or the type's defaults ∪ computed. */
function shownProperties(portal: Portal, objectType: string, requested: string[] | undefined): string[] {
  const known = portal.properties.get(objectType);
  const computed = computedProperties(objectType);
  const base = requested && requested.length > 0 ? requested : profileOf(objectType).defaults;
  const names = new Set([...base.filter((n) => known?.has(n) || computed.includes(n)), ...computed]);
  return [...names].sort();
}

function singular(objectType: string) {
  return objectType === 'companies' ? 'company' : objectType.replace(/s$/, '');
}

/** v3 association type names: `contact_to_company` for primary/only types, `..._unlabeled` beside a primary. [D] */
function v3TypeName(fromType: string, toType: string, typeId: number): string {
  const base = `${singular(fromType)}_to_${singular(toType)}`;
  const def = findType(fromType, toType, typeId);
  const hasPrimary = typesBetween(fromType, toType).some((t) => t.label === 'Primary');
  if (def?.label === 'Primary' || !hasPrimary) return base;
  return def?.label ? `${base}_${def.label.toLowerCase().replace(/\s+/g, '_')}` : `${base}_unlabeled`;
}

function associationsView(portal: Portal, objectType: string, id: string, toTypes: string[]) {
  const out: NonNullable<PublicObject['associations']> = {};
  for (const segment of toTypes) {
    const toType = canonicalObjectType(segment);
    if (!toType) continue;
    const results = associationsOf(portal, objectType, id, toType).flatMap((a) =>
      a.types.map((t) => ({ id: a.toId, type: v3TypeName(objectType, toType, t.typeId) })),
    );
    if (results.length > 0) out[toType] = { results };
  }
  return out;
}

/** Renders a stored record (or an indexed snapshot of it) the way HubSpot's v3 object endpoints do. */
export function toPublicObject(
  portal: Portal,
  objectType: string,
  record: StoredObject,
  view: ViewOptions = {},
  snapshot: Record<string, string> = record.properties,
): PublicObject {
  const properties: Record<string, string | null> = {};
  for (const name of shownProperties(portal, objectType, view.properties)) properties[name] = snapshot[name] ?? null;
  const out: PublicObject = {
    id: record.id,
    properties,
    createdAt: record.createdAt,
    updatedAt: snapshot[profileOf(objectType).modifiedProperty] ?? record.updatedAt,
    archived: record.archived,
  };
  if (record.archived && record.archivedAt) out.archivedAt = record.archivedAt;
  if (view.objectWriteTraceId !== undefined) out.objectWriteTraceId = view.objectWriteTraceId;
  if (view.associations && view.associations.length > 0) {
    const assoc = associationsView(portal, objectType, record.id, view.associations);
    if (Object.keys(assoc).length > 0) out.associations = assoc;
  }
  return out;
}
