import type { Db } from '../db/openDatabase.ts';
import type { HubspotCall } from '../hubspot/hubspotCall.ts';
import { type AuditLog, createAuditLog } from './auditLog.ts';
import { type CardRequestsRepo, createCardRequestsRepo } from './cardRequests.ts';
import { type CompanyLinker, createCompanyLinker } from './companyLink.ts';
import { createCompanyLinks } from './companyLinks.ts';
import { type ConflictsRepo, createConflictsRepo } from './conflictsRepo.ts';
import { createMappingRepo, type MappingRepo } from './mappingRepo.ts';
import { createOrderChanges, type OrderChanges } from './orderChanges.ts';
import { createOrderStore, type OrderStore } from './orderStore.ts';
import { createOrderSettingsRepo, type OrderSettingsRepo } from './orderSettings.ts';
import { createPendingDealsRepo, type PendingDealsRepo } from './pendingDeals.ts';
import { createStageResolver, type StageResolver } from './stageResolver.ts';
import type { Order } from './types.ts';

/**
 * Everything the orders functions use, injected (CONVENTIONS: clock, gateway and repositories cross boundaries).
 * `createOrdersDeps` builds the repositories on one database; the composition root passes the gateway's
 * HubspotCall, the clock and how an order's link is spelled.
 */
export interface OrdersDeps {
  hubspot: HubspotCall;
  store: OrderStore;
  changes: OrderChanges;
  audit: AuditLog;
  conflicts: ConflictsRepo;
  mapping: MappingRepo;
  settings: OrderSettingsRepo;
  stages: StageResolver;
  companies: CompanyLinker;
  /** Deals waiting for the order batch job, and *Create order* clicks by requestId (migration 0034). */
  pending: PendingDealsRepo;
  cardRequests: CardRequestsRepo;
  now: () => number;
  /** The order's page in Switchboard, written to the deal as the order link. */
  orderUrl: (order: Order) => string;
  /** How long one caller may hold an order's HubSpot write-back before another may take over. */
  syncLeaseMs: number;
}

export interface OrdersDepsInput {
  db: Db;
  hubspot: HubspotCall;
  now?: () => number;
  orderUrl: (order: Order) => string;
  syncLeaseMs?: number;
  /** Pipelines cache lifetime (stageResolver.ts). */
  pipelinesTtlMs?: number;
}

export function createOrdersDeps(input: OrdersDepsInput): OrdersDeps {
  const now = input.now ?? Date.now;
  const audit = createAuditLog(input.db);
  const settings = createOrderSettingsRepo(input.db);
  return {
    hubspot: input.hubspot,
    store: createOrderStore(input.db, audit),
    changes: createOrderChanges(input.db, audit),
    audit,
    conflicts: createConflictsRepo(input.db, audit),
    mapping: createMappingRepo(input.db),
    settings,
    stages: createStageResolver({ hubspot: input.hubspot, settings, now, ttlMs: input.pipelinesTtlMs }),
    companies: createCompanyLinker({ hubspot: input.hubspot, links: createCompanyLinks(input.db), now }),
    pending: createPendingDealsRepo(input.db),
    cardRequests: createCardRequestsRepo(input.db),
    now,
    orderUrl: input.orderUrl,
    syncLeaseMs: input.syncLeaseMs ?? 60_000,
  };
}
