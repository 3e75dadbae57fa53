import type { Config } from '../src/config.ts';
import type { ApiKeys } from '../src/connections/apiKeys.ts';
import type { ForgetRegistry } from '../src/connections/forgetPortal.ts';
import type { Db } from '../src/db/openDatabase.ts';
import type { HubspotGateway } from '../src/hubspot/gateway.ts';
import type { HubspotCall } from '../src/hubspot/hubspotCall.ts';
import {
  createCardResync,
  createPortalSyncLock,
  createPropertyProvisioning,
  createSessionPrivacy,
  createSessions,
  createSessionsApi,
  createSummaryLinks,
  createSyncJobHandler,
  createSyncScheduler,
  type LinkKeyring,
  listSessionsForRecord,
  type PropertyProvisioning,
  type SummaryLinks,
  type SyncScheduler,
  SESSION_PROVISION_JOB,
  SESSION_SYNC_JOB,
  SyncJobPayload,
} from '../src/sessions/index.ts';
import { loadAppEventCatalog } from '../src/timeline/appEventCatalog.ts';
import { createTimelineBatch } from '../src/timeline/postTimelineBatch.ts';
import { createTimeline } from '../src/timeline/postTimelineEvent.ts';
import { createTimelineRepo } from '../src/timeline/timelineRepo.ts';
import type { EventSpine } from './eventSpine.ts';

export interface SessionsWiring {
  config: Pick<Config, 'publicOrigin' | 'bodyLimit'>;
  db: Db;
  now: () => number;
  gateway: Pick<HubspotGateway, 'call'>;
  /** The token-encryption keyring: the summary links' HMAC key is derived from it (summaryLink.ts). */
  keyring: LinkKeyring;
  apiKeys: Pick<ApiKeys, 'resolve'>;
  spine: Pick<EventSpine, 'queue' | 'worker' | 'forgetContact'>;
  forget: Pick<ForgetRegistry, 'register'>;
  hooks: { subscribe(listener: { onConnected?(portalId: number): void }): unknown };
}

/** Timeline posting (single with note fallback, and batched) over the gateway. */
function composeTimeline(w: SessionsWiring, hubspot: HubspotCall) {
  const repo = createTimelineRepo(w.db);
  const catalog = loadAppEventCatalog();
  const timeline = createTimeline({ hubspot, repo, catalog, now: w.now });
  return { repo, batch: createTimelineBatch({ hubspot, repo, catalog, now: w.now, timeline }) };
}

type Sessions = ReturnType<typeof createSessions>;
type TimelineParts = ReturnType<typeof composeTimeline>;

/** The sync and provisioning jobs on the event spine; provisioning also enqueued whenever a portal connects. */
function registerJobs(
  w: SessionsWiring,
  sessions: Sessions,
  timeline: TimelineParts,
  provisioning: PropertyProvisioning,
) {
  const { db, now, spine } = w;
  const handler = createSyncJobHandler({
    store: sessions.store,
    sync: sessions.sync,
    options: sessions.options,
    lock: createPortalSyncLock(db, { now }),
    provisioning,
    timeline: timeline.batch,
    owner: spine.worker.id,
    now,
  });
  spine.worker.registerHandler(SESSION_SYNC_JOB, handler, { payload: SyncJobPayload });
  spine.worker.registerHandler(SESSION_PROVISION_JOB, ({ job }) => provisioning.provision(job.portalId));
  // At install (and reinstall): the Switchboard properties, as a job so a HubSpot hiccup is retried, not lost.
  const provisionJob = (portalId: number) => ({
    type: SESSION_PROVISION_JOB,
    portalId,
    payload: null,
    idempotencyKey: `${SESSION_PROVISION_JOB}:${portalId}:${now()}`,
  });
  w.hooks.subscribe({ onConnected: (portalId) => void spine.queue.enqueueManySync([provisionJob(portalId)]) });
}

/** What the routes need: the platform API, the card endpoints, the admin settings, the summary page. */
function routeDeps(w: SessionsWiring, sessions: Sessions, timeline: TimelineParts, extra: RouteExtras) {
  const { db, now } = w;
  const api = createSessionsApi({
    db,
    store: sessions.store,
    scheduler: extra.scheduler,
    timelineRepo: timeline.repo,
    now,
  });
  const resync = createCardResync({ db, store: sessions.store, scheduler: extra.scheduler, now });
  const cardDeps = { hubspot: extra.hubspot, store: sessions.store, records: sessions.records };
  return {
    api: { apiKeys: w.apiKeys, api, preCallContext: sessions.preCallContext, bodyLimit: w.config.bodyLimit },
    cards: {
      list: (q: Parameters<typeof listSessionsForRecord>[1]) => listSessionsForRecord(cardDeps, q),
      resync: resync.resync,
    },
    admin: { rules: sessions.rules, options: sessions.options, provisioning: extra.provisioning },
    summary: { links: extra.links, store: sessions.store },
  };
}

interface RouteExtras {
  hubspot: HubspotCall;
  scheduler: SyncScheduler;
  provisioning: PropertyProvisioning;
  links: SummaryLinks;
}

/**
 * Part of the composition root (issue 8 phase 2): the sessions capability over the gateway, its jobs on the event
 * spine (`sessions.sync`, `sessions.provisionProperties`), its privacy cleanups, and what its routes need.
 */
export function composeSessions(w: SessionsWiring) {
  const { db, now } = w;
  const hubspot: HubspotCall = (portalId, opts, fn) => w.gateway.call(portalId, opts, fn);
  const links = createSummaryLinks({ publicOrigin: w.config.publicOrigin, keyring: w.keyring });
  const sessions = createSessions({ db, hubspot, now, summaryUrl: links.url });
  const timeline = composeTimeline(w, hubspot);
  const scheduler = createSyncScheduler({ db, queue: w.spine.queue, options: sessions.options, now });
  const provisioning = createPropertyProvisioning({ db, hubspot, now });
  registerJobs(w, sessions, timeline, provisioning);
  const privacy = createSessionPrivacy(db);
  w.spine.forgetContact.register('sessions', privacy.forgetContact);
  w.forget.register('sessions', privacy.forgetPortal);
  const routes = routeDeps(w, sessions, timeline, { hubspot, scheduler, provisioning, links });
  return { sessions, scheduler, provisioning, links, routes };
}

export type SessionServices = ReturnType<typeof composeSessions>;
export type SessionRoutes = SessionServices['routes'];
