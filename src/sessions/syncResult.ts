import type { CompanyMatch, ContactMatch } from '../matching/index.ts';

/**
 * What one sync of a session did, stored with the session (`sessions.result`) for `GET /api/sessions/:id` and the
 * Sessions card: the HubSpot ids written and why each participant matched.
 */
export interface ParticipantResult {
  name: string | null;
  email: string | null;
  /** A HubSpot user of the portal (owner): not matched as a contact. */
  internalOwnerId: string | null;
  contact: ContactMatch;
  company: CompanyMatch;
}

export interface TaskResult {
  itemKey: string;
  title: string;
  taskId: string;
  ownerId: string | null;
  /** Why the task has (or has no) owner: "assignee x is owner 123", "no HubSpot user with email x". */
  ownerReason: string;
}

export type DealUpdateResult =
  | { status: 'updated'; dealId: string; properties: Record<string, string> }
  | { status: 'skipped'; reason: string };

/**
 * The timeline app event *Conversation summarized* for one contact, ready for phase 2 to post through
 * src/timeline (template extensions/app/app-events/conversation-summarized-hsmeta.json). Not posted here.
 */
export interface TimelineEffect {
  eventUid: 'conversation_summarized';
  objectId: string;
  /** One per (session, contact): a changed session does not add a second event (HubSpot answers 409). */
  occurrenceId: string;
  properties: Record<string, string>;
  timestamp: string;
}

export interface SessionSyncResult {
  revision: number;
  meetingId: string;
  tasks: TaskResult[];
  contactIds: string[];
  companyIds: string[];
  dealIds: string[];
  participants: ParticipantResult[];
  dealUpdate: DealUpdateResult | null;
  timelineEvents: TimelineEffect[];
}
