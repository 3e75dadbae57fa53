import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE } from '../../src/orders/lifecycle.ts';
import { DEAL_PROPS, ORDER_PROPERTY_GROUP, provisionOrderProperties } from '../../src/orders/properties.ts';
import { type OrdersWorld, startOrdersWorld } from './support/ordersWorld.ts';

let w: OrdersWorld;
beforeEach(async () => {
  w = await startOrdersWorld({ provision: false });
});
afterEach(() => w.close());

const dealProperty = (name: string) => w.state.portal(w.portalId)!.properties.get('deals')!.get(name);

describe('the Switchboard deal properties', () => {
  it('when the app is installed, a Switchboard group holds the order properties with the lifecycle as status options', async () => {
    const result = await provisionOrderProperties(w.hubspot, w.portalId);
    expect(result.created.sort()).toEqual(Object.values(DEAL_PROPS).sort());
    expect(w.state.portal(w.portalId)!.propertyGroups.get('deals')!.get(ORDER_PROPERTY_GROUP.name)?.label).toBe(
      'Switchboard',
    );
    expect(dealProperty(DEAL_PROPS.status)).toMatchObject({
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'switchboard',
    });
    expect(dealProperty(DEAL_PROPS.status)!.options!.map((o) => o.value)).toEqual(DEFAULT_LIFECYCLE.statuses);
    expect(dealProperty(DEAL_PROPS.completedOn)).toMatchObject({ type: 'date', fieldType: 'date' });
  });

  it('when provisioning runs again, existing group and properties are fine (409s are not errors)', async () => {
    await provisionOrderProperties(w.hubspot, w.portalId);
    const again = await provisionOrderProperties(w.hubspot, w.portalId);
    expect(again.created).toEqual([]);
    expect(again.existing.sort()).toEqual(Object.values(DEAL_PROPS).sort());
  });

  it('when the portal changes its lifecycle, provisioning brings the status options in line', async () => {
    await provisionOrderProperties(w.hubspot, w.portalId);
    const lifecycle = { ...DEFAULT_LIFECYCLE, statuses: [...DEFAULT_LIFECYCLE.statuses, 'on_hold'] };
    await provisionOrderProperties(w.hubspot, w.portalId, lifecycle);
    expect(dealProperty(DEAL_PROPS.status)!.options!.map((o) => [o.value, o.label])).toContainEqual([
      'on_hold',
      'On hold',
    ]);
  });

  it('without the deal schema scope, provisioning fails with a reason instead of pretending', async () => {
    const token = [...w.state.accessTokens.values()].find((t) => t.portalId === w.portalId)!;
    token.scopes = token.scopes.filter((s) => s !== 'crm.schemas.deals.write');
    await expect(provisionOrderProperties(w.hubspot, w.portalId)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
