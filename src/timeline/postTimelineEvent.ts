import { createHash } from 'node:crypto';
import { AppError } from '../errors.ts';
import { hubspotStatusOf } from '../hubspot/errorStatus.ts';
import type { HubspotCall } from '../hubspot/hubspotCall.ts';
import { requestJson } from '../hubspot/rawRequest.ts';
import { type AppEventTemplate, checkOccurrence } from './appEventCatalog.ts';
import { createNote, findNote, type NoteOccurrence } from './noteFallback.ts';
import type { TimelineRepo } from './timelineRepo.ts';

/** After a portal refused app events, try them again after this long (approval may have come through). */
const RECHECK_UNAVAILABLE_MS = 24 * 60 * 60 * 1000;

export interface TimelineOccurrence {
  portalId: number;
  eventUid: string;
  objectId: string;
  /** Unique per event type: HubSpot answers 409 for a repeated id, and we never post one twice. */
  occurrenceId: string;
  properties: Record<string, string>;
  timestamp: Date;
}

export interface TimelineDeps {
  hubspot: HubspotCall;
  repo: TimelineRepo;
  catalog: Map<string, AppEventTemplate>;
  now: () => number;
  /**
   * The name HubSpot expects in `eventTypeName`. HubSpot resolves it from project name + uid through a developer
   * credential (hubspot-platform.md §3.2); the docs also say the uid works [D, ambiguous]. Default: the uid.
   */
  eventTypeName?: (uid: string) => string;
}

export type TimelineResult = { channel: 'app_event' } | { channel: 'note'; noteId: string };

/**
 * Posts one timeline occurrence exactly once: as an app event where the portal accepts them, otherwise as a note on
 * the record (app events need HubSpot's approval, so some portals never have them — DESIGN.md "HubSpot facts").
 */
export function createTimeline(deps: TimelineDeps) {
  const typeName = deps.eventTypeName ?? ((uid: string) => uid);

  async function postAppEvent(o: TimelineOccurrence): Promise<'posted' | 'unavailable'> {
    try {
      await deps.hubspot(o.portalId, { feature: 'timeline' }, (client) =>
        requestJson(client, {
          method: 'POST',
          path: '/integrators/timeline/v4/events',
          body: {
            eventTypeName: typeName(o.eventUid),
            id: o.occurrenceId,
            objectId: o.objectId,
            timestamp: o.timestamp.toISOString(),
            properties: o.properties,
          },
        }),
      );
      return 'posted';
    } catch (err) {
      const status = hubspotStatusOf(err);
      if (status === 409) return 'posted'; // occurrences are immutable: a 409 means it is already on the timeline
      if (status === 403) return 'unavailable';
      throw err;
    }
  }

  async function postNote(o: TimelineOccurrence, template: AppEventTemplate, retrying: boolean): Promise<string> {
    const note: NoteOccurrence = {
      portalId: o.portalId,
      template,
      objectId: o.objectId,
      // One alphanumeric token: how HubSpot's CONTAINS_TOKEN splits punctuation is not documented.
      reference: `SB${createHash('sha256').update(`${o.eventUid}:${o.occurrenceId}`).digest('hex').slice(0, 20)}`,
      properties: o.properties,
      timestamp: o.timestamp.toISOString(),
    };
    const existing = retrying ? await findNote(deps.hubspot, note) : undefined;
    return existing ?? (await createNote(deps.hubspot, note));
  }

  function appEventsAvailable(portalId: number): boolean {
    const mode = deps.repo.appEventsMode(portalId);
    return !mode || mode.available || deps.now() - mode.checkedAt > RECHECK_UNAVAILABLE_MS;
  }

  return {
    async post(o: TimelineOccurrence): Promise<TimelineResult> {
      const template = deps.catalog.get(o.eventUid);
      if (!template)
        throw new AppError('validation', `no app event template ${o.eventUid} in extensions/app/app-events`);
      checkOccurrence(template, o.properties);
      const key = { portalId: o.portalId, eventUid: o.eventUid, occurrenceId: o.occurrenceId, objectId: o.objectId };
      const done = deps.repo.find(key);
      if (done?.channel === 'app_event') return { channel: 'app_event' };
      if (done?.channel === 'note' && done.noteId) return { channel: 'note', noteId: done.noteId };

      if (!done && appEventsAvailable(o.portalId)) {
        if ((await postAppEvent(o)) === 'posted') {
          deps.repo.setAppEventsMode(o.portalId, true, null, deps.now());
          deps.repo.save({ ...key, channel: 'app_event' }, deps.now());
          return { channel: 'app_event' };
        }
        deps.repo.setAppEventsMode(o.portalId, false, 'HubSpot refused app events (403)', deps.now());
      }
      // Record the intent before creating, so a crash between create and save is found again on retry.
      deps.repo.save({ ...key, channel: 'pending_note' }, deps.now());
      const noteId = await postNote(o, template, done?.channel === 'pending_note');
      deps.repo.save({ ...key, channel: 'note', noteId }, deps.now());
      return { channel: 'note', noteId };
    },
  };
}

export type Timeline = ReturnType<typeof createTimeline>;
