import type { Portal, SandboxState } from '../state.ts';
import { notFoundFailure, validationFailure } from './crmErrors.ts';
import { fromFailure, type Outcome } from './outcome.ts';
import { toPublicObject, type ViewOptions } from './publicObject.ts';
import { archiveStored, storeOf } from './records.ts';
import { isCrmFailure, lookupRecord } from './recordLookup.ts';
import { createInput, parseBody, updateInput } from './requestBodies.ts';
import { commitWrite, isFailure, planContext, planCreate, planUpdate } from './writePlan.ts';

/** Single-record CRM v3 operations (reference §2), with HubSpot's exact success codes (§1.2). */
export interface ReadQuery extends ViewOptions {
  idProperty?: string;
  archived?: boolean;
}

/** GET /crm/v3/objects/{t}/{id} → 200, or 404 OBJECT_NOT_FOUND. */
export function getObject(portal: Portal, objectType: string, id: string, q: ReadQuery): Outcome {
  const found = lookupRecord(portal, objectType, id, q.idProperty, q.archived);
  if (isCrmFailure(found)) return fromFailure(found);
  if (!found) return fromFailure(notFoundFailure());
  return { status: 200, body: toPublicObject(portal, objectType, found, q) };
}

/** GET /crm/v3/objects/{t}: pages of ≤ 100 (default 10) in id order; `after` is the next id to show. */
export function listObjects(
  portal: Portal,
  objectType: string,
  q: ReadQuery & { limit?: string; after?: string; basePath: string },
): Outcome {
  const limit = q.limit === undefined ? 10 : Number(q.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return fromFailure(validationFailure(`limit must be an integer between 1 and 100, got ${q.limit}`)); // [U] wording
  }
  const after = q.after === undefined ? 0 : Number(q.after);
  if (!Number.isFinite(after)) return fromFailure(validationFailure(`after must be a numeric cursor, got ${q.after}`));
  const rows = [...storeOf(portal, objectType).values()]
    .filter((r) => r.archived === Boolean(q.archived) && Number(r.id) >= after)
    .sort((a, b) => Number(a.id) - Number(b.id));
  const page = rows.slice(0, limit);
  const body: { results: unknown[]; paging?: unknown } = {
    results: page.map((r) => toPublicObject(portal, objectType, r, q)),
  };
  const next = rows[limit];
  if (next) body.paging = { next: { after: next.id, link: `${q.basePath}?after=${next.id}` } };
  return { status: 200, body };
}

/** POST /crm/v3/objects/{t} → 201 (not 200: the SDK would throw, §1.2). */
export function createObject(state: SandboxState, portal: Portal, objectType: string, rawBody: unknown): Outcome {
  const parsed = parseBody(createInput, rawBody);
  if (!parsed.ok) return fromFailure(parsed.failure);
  const ctx = planContext(state, portal, objectType);
  const plan = planCreate(ctx, parsed.value.properties, parsed.value.associations ?? []);
  if (isFailure(plan)) return fromFailure(plan);
  const record = commitWrite(ctx, plan);
  return { status: 201, body: toPublicObject(portal, objectType, record, { properties: Object.keys(plan.values) }) };
}

/** PATCH /crm/v3/objects/{t}/{id}[?idProperty] → 200. */
export function updateObject(
  state: SandboxState,
  portal: Portal,
  objectType: string,
  id: string,
  idProperty: string | undefined,
  rawBody: unknown,
): Outcome {
  const parsed = parseBody(updateInput, rawBody);
  if (!parsed.ok) return fromFailure(parsed.failure);
  const found = lookupRecord(portal, objectType, id, idProperty);
  if (isCrmFailure(found)) return fromFailure(found);
  if (!found) return fromFailure(notFoundFailure());
  const ctx = planContext(state, portal, objectType);
  const plan = planUpdate(ctx, found, parsed.value.properties);
  if (isFailure(plan)) return fromFailure(plan);
  const record = commitWrite(ctx, plan);
  return { status: 200, body: toPublicObject(portal, objectType, record, { properties: Object.keys(plan.values) }) };
}

/** DELETE /crm/v3/objects/{t}/{id} → 204, also for ids that are already archived or unknown. [U] */
export function archiveObject(state: SandboxState, portal: Portal, objectType: string, id: string): Outcome {
  const record = storeOf(portal, objectType).get(id);
  if (record) archiveStored(state, portal, objectType, record);
  return { status: 204 };
}
