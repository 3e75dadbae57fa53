import type { DiscoveredField } from '../connections/portalFieldsRepo.ts';
import type { OrderFieldMapping } from '../mapping/orderFields.ts';
import type { DiscoveredOrderFields, MappingIssue } from '../mapping/orderMappingValidation.ts';
import type { OrderConflict } from './conflictsRepo.ts';
import { lifecycleKey } from './jobs/maintenanceJobs.ts';
import type { PortalOrderMapping } from './mappingRepo.ts';
import type { OrderSettings } from './orderSettings.ts';
import { orderDetail } from './orderQueries.ts';
import type { OrdersDeps } from './ordersDeps.ts';
import { type ConflictResolution, resolveConflict } from './resolveConflict.ts';
import type { Actor, AuditEntry } from './types.ts';

/**
 * What the orders admin endpoints do (settings, mapping, conflicts, audit trail): one method per endpoint, so the
 * routes only verify, parse, call and reply.
 */

/** The discovered-fields source the mapping is checked against (connections' field discovery). */
export interface FieldSource {
  list(portalId: number, objectType: 'deals' | 'companies'): DiscoveredField[];
  refresh(portalId: number, o: { priority: 'interactive' }): Promise<unknown>;
}

const asDefinitions = (fields: DiscoveredField[]) =>
  fields.map((f) => ({ name: f.name, label: f.label, type: f.type, fieldType: f.fieldType, options: f.options }));

/** The portal's deal and company fields; discovered now when the cache is empty (a failed discovery at install). */
async function discoveredFields(source: FieldSource, portalId: number): Promise<DiscoveredOrderFields> {
  if (source.list(portalId, 'deals').length === 0) await source.refresh(portalId, { priority: 'interactive' });
  return {
    deals: asDefinitions(source.list(portalId, 'deals')),
    companies: asDefinitions(source.list(portalId, 'companies')),
  };
}

export interface OrdersAdminDeps {
  orders: OrdersDeps;
  fields: FieldSource;
  /** Schedules provisioning of the deal properties (a job); `why` names the reason. */
  provision(portalId: number, why: string): Promise<void>;
}

/** The orders admin API's service: settings, mapping, conflicts and the audit trail of one portal at a time. */
export function createOrdersAdmin(d: OrdersAdminDeps) {
  const { orders } = d;
  return {
    settings: (portalId: number): OrderSettings => orders.settings.get(portalId),

    /**
     * Merges and stores the settings. A changed trigger drops the pipelines cache (it applies to the next deal);
     * a changed lifecycle provisions again, so the deal's status property offers the new statuses.
     */
    async saveSettings(portalId: number, patch: Partial<OrderSettings>) {
      const before = orders.settings.get(portalId);
      const settings = orders.settings.save(portalId, patch, new Date(orders.now()));
      if (JSON.stringify(before.trigger) !== JSON.stringify(settings.trigger)) orders.stages.invalidate(portalId);
      const lifecycleChanged = before.lifecycle.statuses.join() !== settings.lifecycle.statuses.join();
      if (lifecycleChanged) await d.provision(portalId, `lifecycle:${lifecycleKey(settings.lifecycle.statuses)}`);
      return { settings, provisioning: lifecycleChanged ? ('scheduled' as const) : ('unchanged' as const) };
    },

    mapping: (portalId: number): PortalOrderMapping => orders.mapping.get(portalId),

    /** Checks the mapping against the portal's discovered fields (refused naming every error) and stores it. */
    async saveMapping(
      portalId: number,
      mapping: { fields: OrderFieldMapping[]; stageStatus: Record<string, string> },
    ): Promise<PortalOrderMapping & { warnings: MappingIssue[] }> {
      const discovered = await discoveredFields(d.fields, portalId);
      const { statuses } = orders.settings.get(portalId).lifecycle;
      const warnings = orders.mapping.save(portalId, mapping, discovered, statuses);
      return { ...orders.mapping.get(portalId), warnings };
    },

    conflicts(portalId: number, q: { status: 'open' | 'resolved' | 'all'; orderId?: number }): OrderConflict[] {
      const status = q.status === 'all' ? {} : { status: q.status };
      return orders.conflicts.list(portalId, { ...status, orderId: q.orderId });
    },

    async resolve(portalId: number, conflictId: number, resolution: ConflictResolution, actor: Actor) {
      const { conflict, order } = await resolveConflict(orders, portalId, conflictId, resolution, { actor });
      return { conflict, order: orderDetail(orders, portalId, order.id) };
    },

    /** A page of the audit trail, newest first, with the cursor of the next page. */
    audit(portalId: number, q: { orderId?: number; beforeId?: number; limit: number }) {
      const entries: AuditEntry[] = orders.audit.list(portalId, q);
      const last = entries.at(-1);
      return { entries, nextBeforeId: entries.length === q.limit && last ? last.id : null };
    },
  };
}

export type OrdersAdmin = ReturnType<typeof createOrdersAdmin>;
