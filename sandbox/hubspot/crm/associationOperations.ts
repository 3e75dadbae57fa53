import { z } from 'zod';
import type { Portal } from '../state.ts';
import { associate, associationsOf, dissociate } from './associationStore.ts';
import { defaultType, typesBetween } from './associationTypes.ts';
import { checkEnds, defaultResults, labelsBetween, multiAssociated, resolveSpecs } from './associationViews.ts';
import { batchBody } from './batchResponses.ts';
import { validationFailure } from './crmErrors.ts';
import { fromFailure, type Outcome } from './outcome.ts';
import { isCrmFailure } from './recordLookup.ts';
import { parseBody } from './requestBodies.ts';

/** Single-pair v4 association endpoints (reference §4.1) with the SDK's exact success codes (§1.2). */
export interface End {
  type: string;
  id: string;
}

export const specList = z.array(z.object({ associationCategory: z.string(), associationTypeId: z.number().int() }));

/** PUT .../associations/default/{toType}/{toId} → 200 BatchResponsePublicDefaultAssociation. */
export function putDefault(portal: Portal, from: End, to: End, now: number): Outcome {
  const def = defaultType(from.type, to.type);
  if (!def) return fromFailure(validationFailure(`${from.type} cannot be associated with ${to.type}`)); // [U]
  const missing = checkEnds(portal, from, to);
  if (missing) return fromFailure(missing);
  associate(portal, from, to, [def]);
  return { status: 200, body: batchBody(now, defaultResults(from.id, to.id, def)) };
}

/** PUT .../associations/{toType}/{toId} with AssociationSpec[] → 201 LabelsBetweenObjectPair. */
export function putLabelled(portal: Portal, from: End, to: End, raw: unknown): Outcome {
  const parsed = parseBody(specList, raw);
  if (!parsed.ok) return fromFailure(parsed.failure);
  const defs = resolveSpecs(from.type, to.type, parsed.value);
  if (isCrmFailure(defs)) return fromFailure(defs);
  const missing = checkEnds(portal, from, to);
  if (missing) return fromFailure(missing);
  associate(portal, from, to, defs);
  return { status: 201, body: labelsBetween(portal, from.type, from.id, to.type, to.id) };
}

/** GET .../associations/{toType}?after&limit → 200 with offset paging (limit ≤ 500, default 500). [U] limits */
export function listAssociations(portal: Portal, from: End, toType: string, after?: string, limit?: string): Outcome {
  const size = limit === undefined ? 500 : Number(limit);
  const offset = after === undefined ? 0 : Number(after);
  if (!Number.isInteger(size) || size < 1 || size > 500 || !Number.isInteger(offset) || offset < 0) {
    return fromFailure(validationFailure('limit must be 1..500 and after a non-negative integer cursor'));
  }
  const all = associationsOf(portal, from.type, from.id, toType);
  const body: { results: unknown[]; paging?: unknown } = {
    results: all.slice(offset, offset + size).map(multiAssociated),
  };
  if (offset + size < all.length) body.paging = { next: { after: String(offset + size) } };
  return { status: 200, body };
}

/** DELETE .../associations/{toType}/{toId} → 204, removing every type between the pair (both directions). */
export function deletePair(portal: Portal, from: End, to: End): Outcome {
  dissociate(portal, from, to);
  return { status: 204 };
}

/** GET /crm/v4/associations/{from}/{to}/labels → the pair's HUBSPOT_DEFINED types. */
export function listLabels(fromType: string, toType: string): Outcome {
  const results = typesBetween(fromType, toType).map((t) => ({
    category: 'HUBSPOT_DEFINED',
    typeId: t.typeId,
    label: t.label,
  }));
  return { status: 200, body: { results } };
}
