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
