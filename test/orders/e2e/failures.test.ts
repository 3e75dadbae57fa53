import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveDealToStage } from '../../../sandbox/hubspot/controlPlane.ts';
import { applyUpdate } from '../../../sandbox/hubspot/crm/records.ts';
import { crmFactory } from '../support/crmFactory.ts';
import { eventually, type OrderServiceWorld, startOrderServiceWorld } from './orderServiceWorld.ts';

let w: OrderServiceWorld;
beforeEach(async () => {
  w = await startOrderServiceWorld();
});
afterEach(async () => w?.close());

const REASON = 'deal has no amount and `value` is required by the mapping';

describe('a deal that cannot become an order', () => {
  it('ends in the dead-letter list and the integration log with the reason; replayed after the fix, the order is created', async () => {
    const crm = crmFactory(w.state, w.seeded.portal);
    const dealId = crm.deal({
      companyId: w.seeded.companyIds[2]!,
      properties: { dealstage: 'contractsent', amount: '' },
    });
    moveDealToStage(w.state, w.portalId, dealId, 'closedwon');
    await w.flushWebhooks();

    const queue = w.service.spine.queue;
    const dead = await eventually(async () => {
      const page = await queue.listDeadLetters({ portalId: w.portalId, limit: 10 });
      return page.items.find((j) => j.objectKey === `deal:${dealId}`);
    });
    expect(dead).toMatchObject({ type: 'orders.createOrder', status: 'dead', lastError: { code: 'validation' } });
    expect(dead.lastError!.message).toContain(REASON);

    const log = await w.admin('GET', `/admin/integration-log?portalId=${w.portalId}&outcome=failures`);
    expect(log.body.runs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'orders.createOrder',
          objectKey: `deal:${dealId}`,
          outcome: 'failed',
          reason: expect.objectContaining({ message: expect.stringContaining(REASON) }),
        }),
      ]),
    );
    expect(w.db.prepare('SELECT COUNT(*) AS n FROM orders WHERE deal_id = ?').get(dealId)).toEqual({ n: 0 });

    // The rep fills in the amount; the operator replays the dead letter.
    applyUpdate(w.state, w.seeded.portal, 'deals', w.deal(dealId), { amount: '1200' }, { changeSource: 'CRM_UI' });
    expect(await queue.replay(dead.id)).toBe(1);
    await eventually(() => w.deal(dealId).properties.switchboard_order_number);
  });
});
