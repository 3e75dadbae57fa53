import { z } from 'zod';

/**
 * Shapes of the Sessions card (issue 8 §6): the conversation summaries logged on a contact, company or deal,
 * newest first with paging, and a re-sync of a failed one. The service's session schema reuses the enums.
 */
export const SESSIONS_LIST_PATH = '/api/cards/sessions';
export const SESSION_RESYNC_PATH = '/api/cards/sessions/resync';

export const Sentiment = z.enum(['positive', 'neutral', 'negative', 'mixed']);
export type Sentiment = z.infer<typeof Sentiment>;

export const ActionItemPriority = z.enum(['LOW', 'MEDIUM', 'HIGH']);
export type ActionItemPriority = z.infer<typeof ActionItemPriority>;

export const SessionStatus = z.enum(['pending', 'synced', 'failed']);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const SessionRecordType = z.enum(['contact', 'company', 'deal']);
export type SessionRecordType = z.infer<typeof SessionRecordType>;

export const SessionsListQuery = z.object({
  portalId: z.coerce.number().int().positive(),
  objectType: SessionRecordType,
  objectId: z.string().regex(/^\d+$/, { error: 'must be a HubSpot record id' }),
  limit: z.coerce.number().int().min(1).max(20).default(5),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
});
export type SessionsListQuery = z.infer<typeof SessionsListQuery>;

export const ParticipantMatchView = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  contactId: z.string().nullable(),
  /** matched / created / default / skipped / failed */
  outcome: z.string(),
  /** The rule that decided: email, fullName, phone, companyDomain, create, skip, defaultContact. */
  rule: z.string(),
  reason: z.string(),
});
export type ParticipantMatchView = z.infer<typeof ParticipantMatchView>;

export const ActionItemView = z.object({
  title: z.string(),
  priority: ActionItemPriority,
  dueDate: z.string().nullable(),
  assigneeEmail: z.string().nullable(),
  taskId: z.string().nullable(),
  /** The HubSpot task's hs_task_status when the card's server read it; null when unknown. */
  taskStatus: z.string().nullable(),
});
export type ActionItemView = z.infer<typeof ActionItemView>;

export const SessionCardItem = z.object({
  sessionId: z.string(),
  title: z.string(),
  startTime: z.string(),
  durationSeconds: z.number().int(),
  status: SessionStatus,
  statusReason: z.string().nullable(),
  brief: z.string(),
  /**
   * The summary's key points and next steps, for the card's collapsible notes. Optional so a service that does not
   * send them yet still passes the card's parse; the card shows nothing for them then.
   */
  keyPoints: z.array(z.string()).optional(),
  nextSteps: z.array(z.string()).optional(),
  sentiment: Sentiment,
  meetingId: z.string().nullable(),
  actionItems: z.array(ActionItemView),
  participants: z.array(ParticipantMatchView),
});
export type SessionCardItem = z.infer<typeof SessionCardItem>;

export const SessionsListResponse = z.object({
  sessions: z.array(SessionCardItem),
  nextCursor: z.string().nullable(),
});
export type SessionsListResponse = z.infer<typeof SessionsListResponse>;

export const SessionResyncRequest = z.object({
  portalId: z.coerce.number().int().positive(),
  sessionId: z.string().min(1).max(200),
  /** One per click: hubspot.fetch may be retried once by HubSpot; the service can answer the retry like the first. */
  requestId: z.string().min(8).max(100).optional(),
});
export type SessionResyncRequest = z.infer<typeof SessionResyncRequest>;

export const SessionResyncResponse = z.object({
  sessionId: z.string(),
  status: SessionStatus,
  message: z.string(),
});
export type SessionResyncResponse = z.infer<typeof SessionResyncResponse>;
