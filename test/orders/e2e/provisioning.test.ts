import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPortal, issuePrivateAppToken } from '../../../sandbox/hubspot/portals.ts';
import { loadAppScopes, privateAppRequiredScopes } from '../../../src/connections/appScopes.ts';
import { DEAL_PROPS, DEFAULT_LIFECYCLE } from '../../../src/orders/index.ts';
import { eventually, type OrderServiceWorld, startOrderServiceWorld } from './orderServiceWorld.ts';

let w: OrderServiceWorld;
beforeEach(async () => {
  w = await startOrderServiceWorld();
});
afterEach(async () => w?.close());

const dealProperties = (portalId: number) => w.state.portal(portalId)?.properties.get('deals');
const statusOptions = (portalId: number) =>
  dealProperties(portalId)
    ?.get(DEAL_PROPS.status)
    ?.options?.map((o) => o.value);

describe('the Switchboard deal properties', () => {
  it('are provisioned in the Switchboard group when the app is installed', () => {
    const props = dealProperties(w.portalId)!;
    for (const name of Object.values(DEAL_PROPS)) expect(props.get(name)?.groupName, name).toBe('switchboard');
    expect(w.state.portal(w.portalId)!.propertyGroups.get('deals')?.get('switchboard')?.label).toBe('Switchboard');
    expect(statusOptions(w.portalId)).toEqual(DEFAULT_LIFECYCLE.statuses);
  });

  it('follow a changed lifecycle: the order status property offers the new statuses', async () => {
    const lifecycle = {
      ...DEFAULT_LIFECYCLE,
      statuses: [...DEFAULT_LIFECYCLE.statuses, 'on_hold'],
      transitions: {
        ...DEFAULT_LIFECYCLE.transitions,
        new: ['in_production', 'on_hold', 'cancelled'],
        on_hold: ['new'],
      },
    };
    const saved = await w.admin('PUT', `/admin/portals/${w.portalId}/orders/settings`, { lifecycle });
    expect(saved).toMatchObject({ status: 200, body: { provisioning: 'scheduled' } });
    await eventually(() => statusOptions(w.portalId)?.includes('on_hold'));
    const unchanged = await w.admin('PUT', `/admin/portals/${w.portalId}/orders/settings`, { createCompanies: false });
    expect(unchanged.body).toMatchObject({ provisioning: 'unchanged', settings: { createCompanies: false } });
  });

  it('are provisioned when a private-app connection is added', async () => {
    const portal = createPortal(w.state, { id: 88_123, name: 'Private portal' });
    const scopes = privateAppRequiredScopes(
      loadAppScopes(join(import.meta.dirname, '../../../extensions/app/app-hsmeta.json')),
    );
    const token = issuePrivateAppToken(w.state, portal.id, scopes);
    const added = await w.admin('POST', '/admin/connections', { name: 'Private portal', token });
    expect(added.status).toBe(201);
    await eventually(() => dealProperties(portal.id)?.has(DEAL_PROPS.number));
  });

  it('a settings change that breaks the lifecycle is refused, naming the problem', async () => {
    const res = await w.admin('PUT', `/admin/portals/${w.portalId}/orders/settings`, {
      lifecycle: { ...DEFAULT_LIFECYCLE, initial: 'draft' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('initial status "draft" is not one of the statuses');
  });
});
