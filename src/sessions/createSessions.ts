import type { Db } from '../db/openDatabase.ts';
import type { HubspotCall } from '../hubspot/hubspotCall.ts';
import {
  createMatchingEngine,
  createMatchingKeysRepo,
  createMatchingRulesRepo,
  type MatchingDeps,
} from '../matching/index.ts';
import { buildPreCallContext } from './preCallContext.ts';
import { createSessionRecordsRepo } from './sessionRecordsRepo.ts';
import { createSessionStore } from './sessionStore.ts';
import { createOwnerDirectory } from './sync/ownerDirectory.ts';
import { createPipelineDirectory } from './sync/pipelineDirectory.ts';
import { createSessionSync } from './sync/sessionSync.ts';
import { createSyncOptionsRepo } from './syncOptionsRepo.ts';
import { createWriteLog } from './writeLog.ts';

/**
 * The sessions capability wired from a database and the gateway's HubspotCall: what the composition root
 * (server/main.ts, phase 2) builds once. Every part is also exported on its own for tests and other wiring.
 */
export interface SessionsConfig {
  db: Db;
  hubspot: HubspotCall;
  now?: () => number;
  summaryUrl?: (portalId: number, sessionId: string) => string;
  /** Overrides for the matching engine (lease, memory, polling). */
  matching?: Pick<MatchingDeps, 'leaseMs' | 'rememberMs' | 'pollMs' | 'sleep'>;
  recoveryGraceMs?: number;
}

export function createSessions(config: SessionsConfig) {
  const { db, hubspot } = config;
  const now = config.now ?? Date.now;
  const store = createSessionStore(db);
  const records = createSessionRecordsRepo(db);
  const options = createSyncOptionsRepo(db, now);
  const writes = createWriteLog(db);
  const keys = createMatchingKeysRepo(db);
  const rules = createMatchingRulesRepo(db, now);
  const matching = createMatchingEngine({
    hubspot,
    keys,
    rules,
    now,
    feature: 'sessions.matching',
    ...config.matching,
  });
  const owners = createOwnerDirectory(hubspot, { now });
  const pipelines = createPipelineDirectory(hubspot, { now });
  const sync = createSessionSync({
    hubspot,
    store,
    records,
    options,
    writes,
    matching,
    owners,
    pipelines,
    now,
    summaryUrl: config.summaryUrl,
    recoveryGraceMs: config.recoveryGraceMs,
  });
  return {
    store,
    records,
    options,
    rules,
    keys,
    writes,
    matching,
    sync,
    preCallContext: (portalId: number, email: string) =>
      buildPreCallContext({ hubspot, keys, records, pipelines, now }, portalId, email),
  };
}

export type Sessions = ReturnType<typeof createSessions>;
