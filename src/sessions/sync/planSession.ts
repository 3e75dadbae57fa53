import type { StoredSession } from '../sessionStore.ts';
import { clip } from '../properties.ts';
import { durationMinutes } from '../summaryFormat.ts';
import type { DealUpdateResult, ParticipantResult, TimelineEffect } from '../syncResult.ts';
import type { SyncOptions } from '../syncOptions.ts';
import type { Deal } from './dealLookup.ts';
import { planDealUpdate } from './dealUpdatePlan.ts';
import { planMeeting, type RecordWrite } from './meetingPlan.ts';
import type { Pipelines } from './pipelineDirectory.ts';
import { planTasks, type TaskPlan } from './taskPlan.ts';

/**
 * Everything one session should become in HubSpot, decided before any write (pure): the meeting, its tasks,
 * the deal update, and the timeline events phase 2 posts. Contact property updates are planned across sessions
 * (contactUpdates.ts) because several sessions may touch one contact.
 */
export interface SessionPlan {
  sessionId: string;
  revision: number;
  meeting: RecordWrite;
  tasks: TaskPlan[];
  contactIds: string[];
  companyIds: string[];
  dealIds: string[];
  dealUpdate: DealUpdateResult | null;
  timelineEvents: TimelineEffect[];
  participants: ParticipantResult[];
}

export interface PlanInput {
  portalId: number;
  stored: StoredSession;
  participants: ParticipantResult[];
  /** The open deals this session's meeting goes on (per the deal association mode). */
  deals: Deal[];
  owners: Map<string, string>;
  options: SyncOptions;
  pipelines: Pipelines;
  summaryUrl?: string;
}

const uniqueIds = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];

export function planSession(p: PlanInput): SessionPlan {
  const s = p.stored.session;
  const contactIds = uniqueIds(p.participants.map((x) => x.contact.id));
  const companyIds = uniqueIds(p.participants.map((x) => x.company.id));
  const dealIds = uniqueIds(p.deals.map((d) => d.id));
  const ownerId = p.participants.find((x) => x.internalOwnerId)?.internalOwnerId ?? null;
  const targets = { contactIds, companyIds, dealIds, ownerId, summaryUrl: p.summaryUrl };
  return {
    sessionId: s.sessionId,
    revision: p.stored.revision,
    meeting: planMeeting(p.portalId, s, targets),
    tasks: p.options.createTasks ? planTasks(p.portalId, s, contactIds, p.owners) : [],
    contactIds,
    companyIds,
    dealIds,
    dealUpdate: planDealUpdate(s.summary, p.deals, p.options, p.pipelines),
    timelineEvents: contactIds.map((id) => timelineEffect(p, id)),
    participants: p.participants,
  };
}

function timelineEffect(p: PlanInput, contactId: string): TimelineEffect {
  const s = p.stored.session;
  const properties: Record<string, string> = {
    title: clip(s.title, 500),
    durationMinutes: String(durationMinutes(s)),
    summary: clip(s.summary.brief, 5_000),
    sentiment: s.summary.sentiment,
  };
  if (p.summaryUrl) properties.summaryUrl = p.summaryUrl;
  return {
    eventUid: 'conversation_summarized',
    objectId: contactId,
    occurrenceId: `session-${s.sessionId}-contact-${contactId}`,
    properties,
    timestamp: new Date(Date.parse(s.startTime)).toISOString(),
  };
}
