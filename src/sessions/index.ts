/** The sessions capability's public surface (routes, job handler and card endpoints in phase 2 use these). */
export { createSessions, type Sessions, type SessionsConfig } from './createSessions.ts';
export { describeIssues, parseSession, SessionInput, type Session } from './sessionSchema.ts';
export { createSessionStore, type IngestChange, type SessionStore, type StoredSession } from './sessionStore.ts';
export { createSessionRecordsRepo, type SessionRecordsRepo } from './sessionRecordsRepo.ts';
export { createSyncOptionsRepo, type SyncOptionsRepo } from './syncOptionsRepo.ts';
export { DEFAULT_SYNC_OPTIONS, scheduledSyncAt, SyncOptions } from './syncOptions.ts';
export { SESSION_PROPERTY_DEFINITIONS, SESSION_PROPS, SWITCHBOARD_GROUP } from './properties.ts';
export { buildPreCallContext, type PreCallContext } from './preCallContext.ts';
export { createSessionSync, type SessionOutcome, type SessionSync } from './sync/sessionSync.ts';
export type { SessionSyncResult, TimelineEffect } from './syncResult.ts';
export { cardItem, listSessionsForRecord, resyncSession, type SessionsCardDeps } from './sessionsCard.ts';
export { createPortalSyncLock, type PortalSyncLock } from './portalSyncLock.ts';
export { createPropertyProvisioning, type PropertyProvisioning, type ProvisionResult } from './provisionProperties.ts';
export {
  createSyncScheduler,
  SESSION_PROVISION_JOB,
  SESSION_SYNC_JOB,
  type SyncScheduler,
  SyncJobPayload,
} from './syncJobs.ts';
export { createSyncJobHandler, type SyncJobDeps } from './syncJobHandler.ts';
export { createSessionsApi, type ReceiveResult, type SessionsApi } from './sessionsApi.ts';
export type { SessionStatusView } from './sessionStatusView.ts';
export { createCardResync, type CardResync } from './cardResync.ts';
export { createSummaryLinks, type LinkKeyring, type SummaryLinks } from './summaryLink.ts';
export { createSessionPrivacy } from './sessionPrivacy.ts';
