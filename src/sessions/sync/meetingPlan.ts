import { ASSOCIATION_TYPE, type AssociationInput, associationTo } from '../../matching/crmApi.ts';
import { clip, SESSION_PROPS } from '../properties.ts';
import type { Session } from '../sessionSchema.ts';
import { stableHash } from '../stableHash.ts';
import { internalNotes, meetingBody } from '../summaryFormat.ts';
import type { Link, PlannedWrite } from '../writeLog.ts';

/**
 * The meeting engagement of a session (reference §6): title, formatted summary as body, start/end from start
 * time + duration, `hs_timestamp` (required; the timeline position) = start, outcome COMPLETED, internal notes
 * with key points, action items and next steps; associated with the matched contacts (200), their companies
 * (188) and deals (212) (reference §4.2).
 */
export interface RecordWrite {
  write: PlannedWrite;
  properties: Record<string, string>;
}

export interface MeetingTargets {
  contactIds: string[];
  companyIds: string[];
  dealIds: string[];
  /** The owner of the first internal participant, if any: the rep who held the conversation. */
  ownerId: string | null;
  summaryUrl?: string;
}

export const syncKeyOf = (portalId: number, sessionId: string, itemKey: string) =>
  `${portalId}:${sessionId}:${itemKey}`;

export const iso = (ms: number) => new Date(ms).toISOString();

export function meetingProperties(portalId: number, s: Session, t: MeetingTargets): Record<string, string> {
  const start = Date.parse(s.startTime);
  const props: Record<string, string> = {
    hs_timestamp: iso(start),
    hs_meeting_title: clip(s.title, 500),
    hs_meeting_body: clip(meetingBody(s)),
    hs_internal_meeting_notes: clip(internalNotes(s)),
    hs_meeting_start_time: iso(start),
    hs_meeting_end_time: iso(start + s.durationSeconds * 1000),
    hs_meeting_outcome: 'COMPLETED', // [U] internal value beyond SCHEDULED (reference §6, open point 3)
    [SESSION_PROPS.syncKey]: syncKeyOf(portalId, s.sessionId, 'meeting'),
  };
  if (t.ownerId) props.hubspot_owner_id = t.ownerId;
  if (t.summaryUrl) props.hs_meeting_external_url = t.summaryUrl;
  return props;
}

export function meetingLinks(t: MeetingTargets): Link[] {
  return [
    ...t.contactIds.map((id): Link => ['contacts', id]),
    ...t.companyIds.map((id): Link => ['companies', id]),
    ...t.dealIds.map((id): Link => ['deals', id]),
  ];
}

const MEETING_TYPE_IDS = {
  contacts: ASSOCIATION_TYPE.meetingToContact,
  companies: ASSOCIATION_TYPE.meetingToCompany,
  deals: ASSOCIATION_TYPE.meetingToDeal,
} as const;

/** Inline `associations` of a meeting create (reference §2: same AssociationSpec as v4). */
export const meetingAssociationInputs = (links: readonly Link[]): AssociationInput[] =>
  links.map(([type, id]) => associationTo(id, MEETING_TYPE_IDS[type]));

export const meetingTypeId = (type: Link[0]): number => MEETING_TYPE_IDS[type];

export function planMeeting(portalId: number, s: Session, t: MeetingTargets): RecordWrite {
  const properties = meetingProperties(portalId, s, t);
  return {
    properties,
    write: {
      sessionId: s.sessionId,
      itemKey: 'meeting',
      objectType: 'meetings',
      syncKey: properties[SESSION_PROPS.syncKey]!,
      propsHash: stableHash(properties),
      associations: meetingLinks(t),
    },
  };
}
