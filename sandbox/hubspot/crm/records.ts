import { ensureObjectStore } from '../portals.ts';
import type { ObjectChange, Portal, SandboxState, StoredObject } from '../state.ts';
import { profileOf } from './objectProfiles.ts';

/**
 * Low-level record store: writes already-validated values, keeps HubSpot's computed properties, models the search
 * index lag and emits an ObjectChange for each write (the webhook emitter listens on `state.events`).
 * Validation lives in validateProperties.ts / writePlan.ts; seeds and tests use the checked helpers in seedRecords.ts.
 */
export interface WriteOptions {
  /** Webhook `changeSource`: 'INTEGRATION' for API writes (default), e.g. 'CRM_UI' for a simulated user. */
  changeSource?: string;
}

/** Live and archived records of one type in a portal. */
export function storeOf(portal: Portal, objectType: string): Map<string, StoredObject> {
  return ensureObjectStore(portal, objectType);
}

/** Reserves the next record id (HubSpot ids are numeric strings, unique per portal). */
export function reserveId(portal: Portal): string {
  const id = String(portal.nextId);
  portal.nextId += 1;
  return id;
}

/** The live (not archived) record with this id. */
export function findLive(portal: Portal, objectType: string, id: string): StoredObject | undefined {
  const r = storeOf(portal, objectType).get(id);
  return r && !r.archived ? r : undefined;
}

/** The live record whose `property` equals `value` (emails compare case-insensitively, as HubSpot stores them). */
export function findByProperty(portal: Portal, objectType: string, property: string, value: string) {
  const fold = property === 'email' ? (s: string) => s.toLowerCase() : (s: string) => s;
  const want = fold(value);
  for (const r of storeOf(portal, objectType).values()) {
    if (!r.archived && r.properties[property] !== undefined && fold(r.properties[property]) === want) return r;
  }
  return undefined;
}

/** Search keeps seeing the last indexed version until `searchLagMs` after the latest write (reference §3 [D]). */
function reindexLater(state: SandboxState, record: StoredObject, previous: StoredObject['indexed'], now: number) {
  if (record.searchableAt <= now) record.indexed = previous;
  record.searchableAt = now + state.options.searchLagMs;
}

function emit(state: SandboxState, portal: Portal, objectType: string, objectId: string, c: Partial<ObjectChange>) {
  const change: ObjectChange = {
    portalId: portal.id,
    objectType,
    objectId,
    change: c.change ?? 'propertyChange',
    changeSource: c.changeSource ?? 'INTEGRATION',
    occurredAt: state.now(),
    ...c,
  };
  state.events.emit('change', change);
}

/** Stores a new record with id `id` and emits creation + one propertyChange per non-empty value. [U] */
export function insertRecord(
  state: SandboxState,
  portal: Portal,
  objectType: string,
  id: string,
  values: Record<string, string>,
  opts: WriteOptions = {},
): StoredObject {
  const now = state.now();
  const iso = new Date(now).toISOString();
  const p = profileOf(objectType);
  const properties: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== '') properties[k] = v;
  Object.assign(properties, { hs_object_id: id, [p.createdProperty]: iso, [p.modifiedProperty]: iso });
  const record: StoredObject = { id, properties, createdAt: iso, updatedAt: iso, archived: false, searchableAt: 0 };
  reindexLater(state, record, undefined, now);
  storeOf(portal, objectType).set(id, record);
  const changeSource = opts.changeSource ?? 'INTEGRATION';
  emit(state, portal, objectType, id, { change: 'creation', changeSource });
  for (const [name, value] of Object.entries(values)) {
    if (value !== '') emit(state, portal, objectType, id, { propertyName: name, propertyValue: value, changeSource });
  }
  return record;
}

/** Applies validated values ("" clears); emits one propertyChange per value that actually changed. */
export function applyUpdate(
  state: SandboxState,
  portal: Portal,
  objectType: string,
  record: StoredObject,
  values: Record<string, string>,
  opts: WriteOptions = {},
): StoredObject {
  const changed = Object.entries(values).filter(([k, v]) => (record.properties[k] ?? '') !== v);
  if (changed.length === 0) return record;
  const now = state.now();
  const before = { properties: { ...record.properties }, archived: record.archived };
  for (const [k, v] of changed) {
    if (v === '') delete record.properties[k];
    else record.properties[k] = v;
  }
  const iso = new Date(now).toISOString();
  record.properties[profileOf(objectType).modifiedProperty] = iso;
  record.updatedAt = iso;
  reindexLater(state, record, before, now);
  for (const [name, value] of changed) {
    emit(state, portal, objectType, record.id, {
      propertyName: name,
      propertyValue: value,
      changeSource: opts.changeSource ?? 'INTEGRATION',
    });
  }
  return record;
}

/** Archives (HubSpot's DELETE) a record: it disappears from reads, lists and, after the lag, from search. */
export function archiveStored(
  state: SandboxState,
  portal: Portal,
  objectType: string,
  record: StoredObject,
  opts: WriteOptions = {},
): void {
  if (record.archived) return;
  const now = state.now();
  const before = { properties: { ...record.properties }, archived: false };
  record.archived = true;
  record.archivedAt = new Date(now).toISOString();
  reindexLater(state, record, before, now);
  emit(state, portal, objectType, record.id, { change: 'deletion', changeSource: opts.changeSource ?? 'INTEGRATION' });
}
