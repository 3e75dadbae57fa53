import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveDealToStage } from '../../../sandbox/hubspot/controlPlane.ts';
import { applyUpdate } from '../../../sandbox/hubspot/crm/records.ts';
import type { DeadLetterPage } from '@switchboard/contract';
import { adminClient } from '../../connections/support/adminClient.ts';
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

    const dead = await eventually(async () => {
      const page = await w.admin('GET', `/admin/dead-letters?portalId=${w.portalId}`);
      return (page.body as DeadLetterPage).deadLetters.find((d) => d.objectKey === `deal:${dealId}`);
    });
    expect(dead).toMatchObject({ type: 'orders.createOrder', lastError: { code: 'validation' }, replays: 0 });
    expect(dead.lastError?.message).toContain(REASON);

    // Another portal's settings page neither sees nor replays it.
    const other = adminClient(w.service.url, { signAs: { portalId: 999, secret: w.seeded.client.clientSecret } });
    expect((await other('GET', '/admin/dead-letters')).body.deadLetters).toEqual([]);
    expect((await other('POST', `/admin/dead-letters/${dead.jobId}/replay`)).status).toBe(404);

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
    const replay = await w.admin('POST', `/admin/dead-letters/${dead.jobId}/replay`);
    expect(replay.body).toEqual({ replayed: 1 });
    const again = await w.admin('POST', `/admin/dead-letters/${dead.jobId}/replay`);
    expect(again.status).toBe(404); // no longer dead: a second click replays nothing
    await eventually(() => w.deal(dealId).properties.switchboard_order_number);
  });
});
