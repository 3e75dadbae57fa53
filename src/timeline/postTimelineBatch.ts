import { isAppError } from '../errors.ts';
import { type ItemError, runInBatches } from '../hubspot/batching.ts';
import { requestJson } from '../hubspot/rawRequest.ts';
import { checkOccurrence } from './appEventCatalog.ts';
import type { Timeline, TimelineDeps, TimelineOccurrence } from './postTimelineEvent.ts';

/**
 * Many timeline occurrences of one portal in few calls: the app-event batch endpoint (hubspot-platform.md §3.2,
 * `POST /integrators/timeline/2026-03/events/batch`), 100 per call [U: HubSpot documents no limit]. Same promise as
 * `Timeline.post`: each occurrence at most once (timeline_posts), a 409 means it is already there, and a portal
 * that refuses app events (403) gets the note fallback, through `Timeline.post`, one by one.
 */
export const TIMELINE_BATCH_PATH = '/integrators/timeline/2026-03/events/batch';
const BATCH_SIZE = 100;

export interface TimelineFailure {
  occurrenceId: string;
  objectId: string;
  reason: string;
  retryable: boolean;
}

export interface TimelineBatchResult {
  /** Occurrences now on the timeline (posted now or earlier), by app event or note. */
  done: number;
  failed: TimelineFailure[];
}

type Deps = Pick<TimelineDeps, 'hubspot' | 'repo' | 'catalog' | 'now' | 'eventTypeName'> & { timeline: Timeline };

const retryableStatus = (s: number) => s === 0 || s === 429 || s === 423 || s >= 500;
const failureOf = (o: TimelineOccurrence, e: ItemError): TimelineFailure => ({
  occurrenceId: o.occurrenceId,
  objectId: o.objectId,
  reason: e.message,
  retryable: retryableStatus(e.status),
});

export function createTimelineBatch(deps: Deps) {
  const typeName = deps.eventTypeName ?? ((uid: string) => uid);
  const keyOf = (o: TimelineOccurrence) => ({
    portalId: o.portalId,
    eventUid: o.eventUid,
    occurrenceId: o.occurrenceId,
    objectId: o.objectId,
  });
  const isDone = (o: TimelineOccurrence) => {
    const found = deps.repo.find(keyOf(o));
    return found?.channel === 'app_event' || (found?.channel === 'note' && found.noteId !== null);
  };
  const appEventsOn = (portalId: number) => {
    const mode = deps.repo.appEventsMode(portalId);
    return !mode || mode.available;
  };

  async function sendBatch(portalId: number, todo: TimelineOccurrence[]) {
    const inputs = todo.map((o) => ({
      eventTypeName: typeName(o.eventUid),
      id: o.occurrenceId,
      objectId: o.objectId,
      timestamp: o.timestamp.toISOString(),
      properties: o.properties,
    }));
    const call = { feature: 'timeline', idempotent: true };
    return runInBatches(
      inputs,
      (chunk) =>
        deps.hubspot(portalId, call, (client) =>
          requestJson<{ results?: { id: string }[]; errors?: unknown[] }>(client, {
            method: 'POST',
            path: TIMELINE_BATCH_PATH,
            body: { inputs: chunk },
          }),
        ),
      { chunkSize: BATCH_SIZE },
    );
  }

  /** Posts app events in batches; returns what must go the note way (the portal refused app events). */
  async function viaAppEvents(portalId: number, todo: TimelineOccurrence[], out: TimelineBatchResult) {
    const outcomes = await sendBatch(portalId, todo);
    const toNotes: TimelineOccurrence[] = [];
    outcomes.forEach((res, i) => {
      const o = todo[i]!;
      // An occurrence is immutable: HubSpot's 409 says this id is already on the timeline.
      if (res.ok || res.error.status === 409) {
        deps.repo.save({ ...keyOf(o), channel: 'app_event' }, deps.now());
        out.done += 1;
      } else if (res.error.status === 403) toNotes.push(o);
      else out.failed.push(failureOf(o, res.error));
    });
    if (toNotes.length > 0) deps.repo.setAppEventsMode(portalId, false, 'HubSpot refused app events (403)', deps.now());
    else if (out.done > 0) deps.repo.setAppEventsMode(portalId, true, null, deps.now());
    return toNotes;
  }

  async function viaNotes(todo: TimelineOccurrence[], out: TimelineBatchResult) {
    for (const o of todo) {
      try {
        await deps.timeline.post(o);
        out.done += 1;
      } catch (err) {
        const retryable = !isAppError(err) || !['validation', 'not_found', 'forbidden'].includes(err.code);
        const reason = err instanceof Error ? err.message : String(err);
        out.failed.push({ occurrenceId: o.occurrenceId, objectId: o.objectId, reason, retryable });
      }
    }
  }

  return {
    /** The occurrences not (yet) on their records, as far as we recorded: no call. */
    unposted(occurrences: readonly TimelineOccurrence[]): TimelineOccurrence[] {
      return occurrences.filter((o) => !isDone(o));
    },
    /** Posts every occurrence not yet on its record; all of one portal. Never throws for HubSpot's answers. */
    async postMany(portalId: number, occurrences: readonly TimelineOccurrence[]): Promise<TimelineBatchResult> {
      const out: TimelineBatchResult = { done: 0, failed: [] };
      const todo: TimelineOccurrence[] = [];
      for (const o of occurrences) {
        const template = deps.catalog.get(o.eventUid);
        if (!template) throw new Error(`no app event template ${o.eventUid} in extensions/app/app-events`);
        checkOccurrence(template, o.properties); // a bug in our mapping: fail loudly, before any call
        if (isDone(o)) out.done += 1;
        else todo.push(o);
      }
      const notes = appEventsOn(portalId) && todo.length > 0 ? await viaAppEvents(portalId, todo, out) : todo;
      await viaNotes(notes, out);
      return out;
    },
  };
}

export type TimelineBatch = ReturnType<typeof createTimelineBatch>;
