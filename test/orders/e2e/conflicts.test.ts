import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveDealToStage } from '../../../sandbox/hubspot/controlPlane.ts';
import { applyUpdate } from '../../../sandbox/hubspot/crm/records.ts';
import { eventually, type OrderServiceWorld, startOrderServiceWorld } from './orderServiceWorld.ts';

let w: OrderServiceWorld;
let orderId: number;
const dealId = () => w.seeded.dealIds.contractsent!; // Contoso — cold chain pilot, 31000
const base = () => `/admin/portals/${w.portalId}/orders`;

beforeEach(async () => {
  w = await startOrderServiceWorld();
  moveDealToStage(w.state, w.portalId, dealId(), 'closedwon');
  await w.flushWebhooks();
  await eventually(() => w.deal(dealId()).properties.switchboard_order_number);
  orderId = (w.db.prepare('SELECT id FROM orders WHERE deal_id = ?').get(dealId()) as { id: number }).id;
});
afterEach(async () => w?.close());

/** The portal's mapping with these conflict policies (field → policy), saved through the admin API. */
async function setPolicies(policies: Record<string, string>) {
  const { body } = await w.admin('GET', `${base()}/mapping`);
  const fields = body.fields.map((f: { field: string }) => ({ ...f, conflictPolicy: policies[f.field] ?? 'hubspot' }));
  const saved = await w.admin('PUT', `${base()}/mapping`, { fields, stageStatus: {} });
  expect(saved.status).toBe(200);
}

/** A rep edits the deal in HubSpot; the property changes reach the service as webhooks. */
async function repEdits(values: Record<string, string>) {
  applyUpdate(w.state, w.seeded.portal, 'deals', w.deal(dealId()), values, { changeSource: 'CRM_UI' });
  await w.flushWebhooks();
}

const audit = async () => (await w.admin('GET', `${base()}/audit?orderId=${orderId}&limit=100`)).body.entries;

describe('conflicts between a deal and its order (policy per field, audited)', () => {
  it('HubSpot wins: the order takes the deal’s value, and the audit trail shows the conflict and its resolution', async () => {
    await setPolicies({});
    await repEdits({ amount: '33000' });
    const entries = await eventually(async () => {
      const all = await audit();
      return all.some((e: { action: string }) => e.action === 'conflict.resolved') ? all : undefined;
    });
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'conflict.detected', field: 'value' }),
        expect.objectContaining({ action: 'order.fields_changed', after: '33000' }),
        expect.objectContaining({ action: 'conflict.resolved', field: 'value', after: '33000' }),
      ]),
    );
    const { body } = await w.admin('GET', `${base()}/conflicts?status=resolved`);
    expect(body.conflicts).toMatchObject([{ field: 'value', policy: 'hubspot', resolution: 'hubspot' }]);
  });

  it('Switchboard wins: the deal gets the order’s value back, audited', async () => {
    await setPolicies({ value: 'switchboard' });
    await repEdits({ amount: '1' });
    await eventually(() => w.deal(dealId()).properties.amount === '31000');
    const entries = await eventually(async () => {
      const all = await audit();
      return all.some((e: { action: string }) => e.action === 'conflict.resolved') ? all : undefined;
    });
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'conflict.resolved', field: 'value', after: '31000' }),
      ]),
    );
  });

  it('manual: the conflict is listed with both values and resolved through the API, audited', async () => {
    await setPolicies({ name: 'manual' });
    await repEdits({ dealname: 'Contoso — renamed by a rep' });
    const { conflicts } = await eventually(async () => {
      const res = await w.admin('GET', `${base()}/conflicts`);
      return res.body.conflicts.length > 0 ? res.body : undefined;
    });
    expect(conflicts).toMatchObject([
      {
        field: 'name',
        status: 'open',
        hubspotValue: 'Contoso — renamed by a rep',
        switchboardValue: 'Contoso — cold chain pilot',
      },
    ]);
    const resolved = await w.admin('POST', `${base()}/conflicts/${conflicts[0].id}/resolve`, {
      resolution: 'switchboard',
    });
    expect(resolved).toMatchObject({
      status: 200,
      body: { conflict: { status: 'resolved', resolution: 'switchboard' } },
    });
    expect(w.deal(dealId()).properties.dealname).toBe('Contoso — cold chain pilot');
    expect(await audit()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'conflict.detected', field: 'name' }),
        expect.objectContaining({ action: 'conflict.resolved', field: 'name', actor: 'admin:operator' }),
      ]),
    );
    const again = await w.admin('POST', `${base()}/conflicts/${conflicts[0].id}/resolve`, { resolution: 'hubspot' });
    expect(again.status).toBe(409);
  });

  it('a mapping that puts a text property into a number field is refused, naming both', async () => {
    const { body } = await w.admin('GET', `${base()}/mapping`);
    const fields = body.fields.map((f: { field: string }) =>
      f.field === 'value' ? { ...f, property: 'dealname' } : f,
    );
    const res = await w.admin('PUT', `${base()}/mapping`, { fields });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('Deal property `dealname` holds string/text values');
    expect(res.body.error.message).toContain('order field `value` is a number field');
  });
});
