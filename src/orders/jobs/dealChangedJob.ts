import type { Queue } from '../../jobs/index.ts';
import { reconciledFields } from '../../mapping/orderFields.ts';
import type { ObjectEvents, WebhookHandler, WebhookRoute } from '../../webhooks/index.ts';
import { isTriggerStage } from '../closedWonStages.ts';
import type { OrdersDeps } from '../ordersDeps.ts';
import { reconcileDeal } from '../reconcileDeal.ts';
import { ensureBatchJob } from './drainScheduling.ts';

/**
 * `deal.propertyChange` webhooks (one job per deal, from the event spine): a deal whose stage became an
 * order-creating one waits for the portal's order batch job; a change of another mapped deal property of a deal
 * that has an order is reconciled at once (issue 6 §6: the portal's conflict policy per field). Cheap by design —
 * no HubSpot call here but the cached pipelines — so a burst of closed deals costs only batch calls.
 */
export const DEAL_CHANGED_HANDLER = 'orders.dealChanged';
/** Every deal property: which ones matter depends on the portal's mapping, checked per event. */
export const DEAL_CHANGED_ROUTES: readonly WebhookRoute[] = [{ event: 'deal.propertyChange' }];

export interface DealChangedDeps {
  orders: OrdersDeps;
  queue: Pick<Queue, 'enqueue'>;
  batchWindowMs: number;
}

interface PropertyChange {
  name: string;
  value: string | undefined;
}

function changesOf(batch: ObjectEvents): PropertyChange[] {
  return batch.events.flatMap((e) => {
    const name = e.body.propertyName;
    if (e.action !== 'propertyChange' || typeof name !== 'string') return [];
    const value = e.body.propertyValue;
    return [{ name, value: typeof value === 'string' ? value : undefined }];
  });
}

/**
 * Whether a deal now in `stageId` may get an order. Stage ids are unique within a portal's deal pipelines, so the
 * pipeline (not in the event) is not needed to rule a stage out. Unknown or missing → yes: the batch job reads the
 * deal and decides with its real pipeline (refreshing the cache for a new stage).
 */
async function mayCreateOrder(deps: OrdersDeps, portalId: number, stageId: string | undefined): Promise<boolean> {
  if (!stageId) return true;
  const pipelines = await deps.stages.pipelines(portalId);
  if (!pipelines.some((p) => p.stages.some((s) => s.id === stageId))) return true;
  const { trigger } = deps.settings.get(portalId);
  return pipelines.some((p) => isTriggerStage(pipelines, trigger, p.id, stageId));
}

export function dealChangedHandler(d: DealChangedDeps): WebhookHandler {
  return async (batch) => {
    const { portalId } = batch;
    const dealId = String(batch.objectId);
    const changes = changesOf(batch);
    const stages = changes.filter((c) => c.name === 'dealstage');
    let queued = false;
    // Events come oldest first: the last stage is where the deal is now.
    if (stages.length > 0 && (await mayCreateOrder(d.orders, portalId, stages.at(-1)!.value))) {
      d.orders.pending.add(portalId, dealId, d.orders.now());
      await ensureBatchJob(d.queue, portalId, { nowMs: d.orders.now(), windowMs: d.batchWindowMs });
      queued = true;
    }
    const mapped = new Set(reconciledFields(d.orders.mapping.get(portalId).fields).map((m) => m.property));
    if (!changes.some((c) => mapped.has(c.name)) || !d.orders.store.byDeal(portalId, dealId)) return { queued };
    const { conflicts } = await reconcileDeal(d.orders, portalId, dealId, { actor: 'system:webhook' });
    return { queued, conflicts: conflicts.map((c) => ({ id: c.id, field: c.field, status: c.status })) };
  };
}
