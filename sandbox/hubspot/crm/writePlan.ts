import type { Portal, SandboxState, StoredObject } from '../state.ts';
import { associate } from './associationStore.ts';
import { type AssociationTypeDef, findType, targetTypesOf } from './associationTypes.ts';
import { type CrmFailure, conflictFailure, propertyValidationFailure, validationFailure } from './crmErrors.ts';
import { applyUpdate, findLive, insertRecord, reserveId, type WriteOptions } from './records.ts';
import { findUniqueConflict, type PendingValues } from './uniqueness.ts';
import { validateProperties } from './validateProperties.ts';

/**
 * Two-phase writes: every input of a request is validated against the store *and* the earlier inputs of the same
 * request (plan), and only then written (commit). That is how a batch can be all-or-nothing, or partial with 207.
 */
export interface InlineAssociation {
  to: { id: string };
  types: { associationCategory: string; associationTypeId: number }[];
}

export type PlannedWrite =
  | { kind: 'create'; id: string; values: Record<string, string>; links: PlannedLink[]; traceId?: string }
  | { kind: 'update'; id: string; record: StoredObject; values: Record<string, string>; traceId?: string };

interface PlannedLink {
  toType: string;
  toId: string;
  defs: AssociationTypeDef[];
}

export interface PlanContext {
  state: SandboxState;
  portal: Portal;
  objectType: string;
  /** Writes planned so far in this request (uniqueness is checked against them too). */
  pending: PendingValues[];
}

export function planContext(state: SandboxState, portal: Portal, objectType: string): PlanContext {
  return { state, portal, objectType, pending: [] };
}

/** Resolves inline `associations` of a create (reference §2, §4.1): each typeId must exist for the pair. */
function planLinks(ctx: PlanContext, associations: InlineAssociation[]): PlannedLink[] | CrmFailure {
  const links: PlannedLink[] = [];
  for (const a of associations) {
    for (const t of a.types) {
      if (t.associationCategory !== 'HUBSPOT_DEFINED') {
        // The sandbox defines no custom labels, so USER_DEFINED/INTEGRATOR_DEFINED ids cannot exist. [M]
        return validationFailure(`association type ${t.associationCategory}/${t.associationTypeId} does not exist`);
      }
      const toType = targetTypesOf(ctx.objectType, t.associationTypeId).find((tt) =>
        findLive(ctx.portal, tt, String(a.to.id)),
      );
      if (!toType) {
        const known = targetTypesOf(ctx.objectType, t.associationTypeId);
        return validationFailure(
          known.length === 0
            ? `association type id ${t.associationTypeId} is not valid for ${ctx.objectType}` // [U] wording
            : `No ${known.join('/')} record with id ${a.to.id} exists to associate`, // [U] wording
        );
      }
      const def = findType(ctx.objectType, toType, t.associationTypeId)!;
      links.push({ toType, toId: String(a.to.id), defs: [def] });
    }
  }
  return links;
}

/** Validates one create input; on success reserves its id and remembers it for later inputs' uniqueness checks. */
export function planCreate(
  ctx: PlanContext,
  properties: Record<string, string>,
  associations: InlineAssociation[] = [],
  traceId?: string,
): PlannedWrite | CrmFailure {
  const { values, issues } = validateProperties(ctx.portal, ctx.objectType, properties);
  if (issues.length > 0) return propertyValidationFailure(ctx.portal.id, issues);
  const conflict = findUniqueConflict(ctx.portal, ctx.objectType, undefined, values, ctx.pending);
  if (conflict) return conflictFailure(ctx.objectType, conflict.property, conflict.existingId);
  const links = planLinks(ctx, associations);
  if ('status' in links) return links;
  const id = reserveId(ctx.portal);
  ctx.pending.push({ id, values });
  return { kind: 'create', id, values, links, traceId };
}

/** Validates one update input against the live record. */
export function planUpdate(
  ctx: PlanContext,
  record: StoredObject,
  properties: Record<string, string>,
  traceId?: string,
): PlannedWrite | CrmFailure {
  const { values, issues } = validateProperties(ctx.portal, ctx.objectType, properties, record);
  if (issues.length > 0) return propertyValidationFailure(ctx.portal.id, issues);
  const conflict = findUniqueConflict(ctx.portal, ctx.objectType, record.id, values, ctx.pending);
  if (conflict) return conflictFailure(ctx.objectType, conflict.property, conflict.existingId);
  ctx.pending.push({ id: record.id, values });
  return { kind: 'update', id: record.id, record, values, traceId };
}

/** Writes a planned input and returns the stored record. */
export function commitWrite(ctx: PlanContext, w: PlannedWrite, opts: WriteOptions = {}): StoredObject {
  if (w.kind === 'update') return applyUpdate(ctx.state, ctx.portal, ctx.objectType, w.record, w.values, opts);
  const record = insertRecord(ctx.state, ctx.portal, ctx.objectType, w.id, w.values, opts);
  for (const l of w.links) {
    associate(ctx.portal, { type: ctx.objectType, id: w.id }, { type: l.toType, id: l.toId }, l.defs);
  }
  return record;
}

export function isFailure(x: PlannedWrite | CrmFailure): x is CrmFailure {
  return 'status' in x;
}
