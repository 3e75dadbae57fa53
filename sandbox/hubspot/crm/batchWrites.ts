import type { Portal, SandboxState } from '../state.ts';
import { batchLimitFailure, type CrmFailure, notFoundFailure, validationFailure } from './crmErrors.ts';
import { batchBody, batchErrorOf } from './batchResponses.ts';
import { fromFailure, type Outcome } from './outcome.ts';
import { toPublicObject } from './publicObject.ts';
import { isCrmFailure, lookupRecord } from './recordLookup.ts';
import { batchCreate, batchUpdate, batchUpsert, parseBody } from './requestBodies.ts';
import {
  commitWrite,
  isFailure,
  type PlanContext,
  type PlannedWrite,
  planContext,
  planCreate,
  planUpdate,
} from './writePlan.ts';

/**
 * Batch create / update / upsert (reference §2). All inputs are planned first. If every failed input carries an
 * `objectWriteTraceId`, the valid ones are written and the answer is 207 with per-input errors (reference §2
 * "Multi-status", §12.6). Otherwise nothing is written and the first failure is the answer: without trace ids
 * HubSpot's batch writes are all-or-nothing. [D] Upserts keyed by contact `email` are never partial (reference §2).
 */
export const MAX_BATCH_INPUTS = 100;

interface Planned {
  result: PlannedWrite | CrmFailure;
  traceId?: string;
  isNew?: boolean;
}

function finish(ctx: PlanContext, planned: Planned[], okStatus: number, allowPartial: boolean): Outcome {
  const failures = planned.filter((p) => isFailure(p.result));
  const partial = allowPartial && failures.every((f) => f.traceId !== undefined);
  if (failures.length > 0 && !partial) return fromFailure(failures[0]!.result as CrmFailure);
  const results: unknown[] = [];
  for (const p of planned) {
    if (isFailure(p.result)) continue;
    const record = commitWrite(ctx, p.result);
    const view = toPublicObject(ctx.portal, ctx.objectType, record, {
      properties: Object.keys(p.result.values),
      objectWriteTraceId: p.traceId,
    });
    results.push(p.isNew === undefined ? view : { ...view, new: p.isNew });
  }
  const errors = failures.map((f) => batchErrorOf(f.result as CrmFailure, f.traceId));
  return { status: failures.length > 0 ? 207 : okStatus, body: batchBody(ctx.state.now(), results, errors) };
}

function tooMany(count: number): Outcome | undefined {
  return count > MAX_BATCH_INPUTS ? fromFailure(batchLimitFailure(count)) : undefined;
}

/** POST .../batch/create → 201, or 207 when some inputs with trace ids fail. */
export function batchCreateObjects(state: SandboxState, portal: Portal, objectType: string, raw: unknown): Outcome {
  const parsed = parseBody(batchCreate, raw);
  if (!parsed.ok) return fromFailure(parsed.failure);
  const limit = tooMany(parsed.value.inputs.length);
  if (limit) return limit;
  const ctx = planContext(state, portal, objectType);
  const planned = parsed.value.inputs.map((i) => ({
    result: planCreate(ctx, i.properties, i.associations ?? [], i.objectWriteTraceId),
    traceId: i.objectWriteTraceId,
  }));
  return finish(ctx, planned, 201, true);
}

function duplicateIds(ids: string[]): CrmFailure | undefined {
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length === 0) return undefined;
  return validationFailure(`Duplicate IDs found in batch input: [${[...new Set(dup)].join(', ')}]. IDs must be unique`);
}

function planExisting(
  ctx: PlanContext,
  id: string,
  idProperty: string | undefined,
  properties: Record<string, string>,
  traceId?: string,
): PlannedWrite | CrmFailure {
  const found = lookupRecord(ctx.portal, ctx.objectType, id, idProperty);
  if (isCrmFailure(found)) return found;
  if (!found) return notFoundFailure(`Object ${id} not found`); // [U] wording
  return planUpdate(ctx, found, properties, traceId);
}

/** POST .../batch/update → 200 / 207. */
export function batchUpdateObjects(state: SandboxState, portal: Portal, objectType: string, raw: unknown): Outcome {
  const parsed = parseBody(batchUpdate, raw);
  if (!parsed.ok) return fromFailure(parsed.failure);
  const inputs = parsed.value.inputs;
  const early = tooMany(inputs.length) ?? duplicateIds(inputs.map((i) => `${i.idProperty ?? ''}:${i.id}`));
  if (early) return early;
  const ctx = planContext(state, portal, objectType);
  const planned: Planned[] = inputs.map((i) => ({
    result: planExisting(ctx, i.id, i.idProperty, i.properties, i.objectWriteTraceId),
    traceId: i.objectWriteTraceId,
  }));
  return finish(ctx, planned, 200, true);
}

/** POST .../batch/upsert → 200 / 207; each result says `new: true` when the input created a record. */
export function batchUpsertObjects(state: SandboxState, portal: Portal, objectType: string, raw: unknown): Outcome {
  const parsed = parseBody(batchUpsert, raw);
  if (!parsed.ok) return fromFailure(parsed.failure);
  const inputs = parsed.value.inputs;
  const early = tooMany(inputs.length) ?? duplicateIds(inputs.map((i) => `${i.idProperty}:${i.id}`));
  if (early) return early;
  const ctx = planContext(state, portal, objectType);
  const planned: Planned[] = inputs.map((i) => {
    const found = lookupRecord(portal, objectType, i.id, i.idProperty);
    if (isCrmFailure(found)) return { result: found, traceId: i.objectWriteTraceId };
    if (found)
      return {
        result: planUpdate(ctx, found, i.properties, i.objectWriteTraceId),
        traceId: i.objectWriteTraceId,
        isNew: false,
      };
    const properties = { ...i.properties, [i.idProperty]: i.id };
    return {
      result: planCreate(ctx, properties, [], i.objectWriteTraceId),
      traceId: i.objectWriteTraceId,
      isNew: true,
    };
  });
  const byEmail = objectType === 'contacts' && inputs.some((i) => i.idProperty === 'email');
  return finish(ctx, planned, 200, !byEmail);
}
