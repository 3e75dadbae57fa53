import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveDealToStage, readRecords } from '../../sandbox/hubspot/controlPlane.ts';
import { applyUpdate } from '../../sandbox/hubspot/crm/records.ts';
import { DEFAULT_ORDER_MAPPING, type ConflictPolicy } from '../../src/mapping/orderFields.ts';
import { createOrderFromDeal } from '../../src/orders/createOrderFromDeal.ts';
import { reconcileDeal } from '../../src/orders/reconcileDeal.ts';
import { resolveConflict } from '../../src/orders/resolveConflict.ts';
import type { Order } from '../../src/orders/types.ts';
import { type OrdersWorld, startOrdersWorld } from './support/ordersWorld.ts';

let w: OrdersWorld;
let order: Order;

const PORTAL_FIELDS = {
  deals: [
    { name: 'dealname', type: 'string', fieldType: 'text' },
    { name: 'amount', type: 'number', fieldType: 'number' },
    { name: 'closedate', type: 'datetime', fieldType: 'date' },
  ],
  companies: ['name', 'domain', 'phone', 'address'].map((name) => ({ name, type: 'string', fieldType: 'text' })),
};

function usePolicy(field: string, policy: ConflictPolicy) {
  const fields = DEFAULT_ORDER_MAPPING.filter((m) => m.field !== 'currency').map((m) =>
    m.field === field ? { ...m, conflictPolicy: policy } : m,
  );
  w.deps.mapping.save(w.portalId, { fields, stageStatus: {} }, PORTAL_FIELDS, [
    'new',
    'in_production',
    'shipped',
    'completed',
    'cancelled',
  ]);
}

const dealRecord = () => readRecords(w.state, w.portalId, 'deals').find((d) => d.id === order.dealId)!;
/** A rep edits the deal in HubSpot. */
const repEditsDeal = (values: Record<string, string>) =>
  applyUpdate(w.state, w.state.portal(w.portalId)!, 'deals', dealRecord(), values, { changeSource: 'CRM_UI' });
/** The order system changes the order in Switchboard. */
const orderSystemEdits = (values: Record<string, string | null>) =>
  w.deps.changes.updateFields(w.portalId, order.id, values, 'api:order-system', new Date());
const auditActions = () => w.deps.audit.forOrder(w.portalId, order.id).map((a) => `${a.action}:${a.field ?? ''}`);

beforeEach(async () => {
  w = await startOrdersWorld();
  const { dealId } = w.crm.fullDeal({ amount: '1000' });
  const created = await createOrderFromDeal(w.deps, { portalId: w.portalId, dealId, source: 'automatic' });
  if (created.status === 'skipped') throw new Error('setup: no order');
  order = created.order;
});
afterEach(() => w.close());

describe('conflict policies per field', () => {
  it('HubSpot wins (the default): the order takes the new amount, and detection and resolution are audited', async () => {
    repEditsDeal({ amount: '1500' });
    const result = await reconcileDeal(w.deps, w.portalId, order.dealId);
    expect(result.order?.value).toBe('1500');
    expect(result.conflicts).toEqual([
      expect.objectContaining({
        field: 'value',
        hubspotValue: '1500',
        switchboardValue: '1000',
        policy: 'hubspot',
        status: 'resolved',
        resolution: 'hubspot',
      }),
    ]);
    expect(auditActions()).toEqual(
      expect.arrayContaining(['conflict.detected:value', 'order.fields_changed:value', 'conflict.resolved:value']),
    );
  });

  it('Switchboard wins: the deal gets the order value back, and the conflict is audited', async () => {
    usePolicy('value', 'switchboard');
    orderSystemEdits({ value: '950.5' });
    const result = await reconcileDeal(w.deps, w.portalId, order.dealId);
    expect(dealRecord().properties.amount).toBe('950.5');
    expect(result.conflicts).toEqual([
      expect.objectContaining({
        field: 'value',
        policy: 'switchboard',
        resolution: 'switchboard',
        resolvedValue: '950.5',
      }),
    ]);
    expect(auditActions()).toEqual(expect.arrayContaining(['conflict.detected:value', 'conflict.resolved:value']));
  });

  it('manual: both values are kept in an open conflict; repeating the webhook does not add another', async () => {
    usePolicy('name', 'manual');
    repEditsDeal({ dealname: 'Renamed in HubSpot' });
    await reconcileDeal(w.deps, w.portalId, order.dealId);
    await reconcileDeal(w.deps, w.portalId, order.dealId);
    const open = w.deps.conflicts.list(w.portalId, { status: 'open' });
    expect(open).toEqual([
      expect.objectContaining({ field: 'name', hubspotValue: 'Renamed in HubSpot', switchboardValue: order.name }),
    ]);
    expect(w.deps.store.byId(w.portalId, order.id)?.name).toBe(order.name);
    expect(auditActions().filter((a) => a === 'conflict.detected:name')).toHaveLength(1);
  });

  it.each([
    ['hubspot', 'Renamed in HubSpot', 'Renamed in HubSpot'],
    ['switchboard', null, null],
    [{ value: 'Agreed name' }, 'Agreed name', 'Agreed name'],
  ] as const)(
    'a manual conflict resolved with %j leaves both sides agreeing, with an audit entry',
    async (resolution, orderName, dealName) => {
      usePolicy('name', 'manual');
      repEditsDeal({ dealname: 'Renamed in HubSpot' });
      const { conflicts } = await reconcileDeal(w.deps, w.portalId, order.dealId);
      const res = await resolveConflict(w.deps, w.portalId, conflicts[0]!.id, resolution, { actor: 'user:42' });
      const expectedName = orderName ?? order.name;
      expect(res.order.name).toBe(expectedName);
      expect(dealRecord().properties.dealname).toBe(dealName ?? order.name);
      expect(res.conflict).toMatchObject({ status: 'resolved', resolvedBy: 'user:42' });
      expect(w.deps.audit.forConflict(w.portalId, conflicts[0]!.id).map((a) => a.action)).toEqual([
        'conflict.detected',
        'conflict.resolved',
      ]);
      await expect(resolveConflict(w.deps, w.portalId, conflicts[0]!.id, 'hubspot')).rejects.toMatchObject({
        code: 'conflict',
      });
    },
  );

  it('a manual resolution with a value that does not fit the field is refused, naming it', async () => {
    usePolicy('value', 'manual');
    repEditsDeal({ amount: '1200' });
    const { conflicts } = await reconcileDeal(w.deps, w.portalId, order.dealId);
    await expect(resolveConflict(w.deps, w.portalId, conflicts[0]!.id, { value: 'a lot' })).rejects.toMatchObject({
      code: 'validation',
      message: 'value: "a lot" is not a number',
    });
  });

  it('an open conflict closes by agreement when the deal is edited back', async () => {
    usePolicy('value', 'manual');
    repEditsDeal({ amount: '1200' });
    await reconcileDeal(w.deps, w.portalId, order.dealId);
    repEditsDeal({ amount: '1000.00' });
    const { conflicts } = await reconcileDeal(w.deps, w.portalId, order.dealId);
    expect(conflicts).toEqual([expect.objectContaining({ status: 'resolved', resolution: 'agreement' })]);
  });

  it('a deal change to Switchboard-only data (stage) is no conflict', async () => {
    moveDealToStage(w.state, w.portalId, order.dealId, 'closedlost');
    expect((await reconcileDeal(w.deps, w.portalId, order.dealId)).conflicts).toEqual([]);
  });
});
