import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { injectFault } from '../../sandbox/hubspot/controlPlane.ts';
import { adminClient } from './support/adminClient.ts';
import { ADMIN_TOKEN, type ConnectionWorld, startConnectionWorld } from './support/connectionWorld.ts';
import { installOverHttp } from './support/installFlow.ts';

const PORTAL = 62515;
let w: ConnectionWorld;
let admin: ReturnType<typeof adminClient>;

beforeEach(async () => {
  w = await startConnectionWorld();
  admin = adminClient(w.url, { bearer: ADMIN_TOKEN });
  await installOverHttp(w.url, PORTAL); // discovery runs as part of the install
});
afterEach(() => w.close());

/** Creates a contact property the way a HubSpot admin's integration would: through the API. */
async function createPropertyInHubspot() {
  const token = w.services.tokens.read(PORTAL, 'access')!.token.reveal();
  const res = await fetch(`${w.sandboxUrl}/crm/v3/properties/contacts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'delivery_window',
      label: 'Delivery window',
      groupName: 'switchboard',
      type: 'enumeration',
      fieldType: 'select',
      description: 'When the customer accepts deliveries',
      options: [
        { label: 'Mornings', value: 'am', hidden: false, displayOrder: 0 },
        { label: 'Afternoons', value: 'pm', hidden: false, displayOrder: 1 },
      ],
    }),
  });
  expect(res.status).toBe(201);
}

describe('field discovery', () => {
  it('returns the portal’s custom contact properties with their options, told apart from HubSpot’s own', async () => {
    const res = await admin('GET', `/admin/portals/${PORTAL}/fields?objectType=contacts`);
    expect(res.status).toBe(200);
    const byName = new Map(res.body.fields.map((f: { name: string }) => [f.name, f]));
    expect(byName.get('customer_tier')).toMatchObject({
      objectType: 'contacts',
      label: 'Customer tier',
      type: 'enumeration',
      fieldType: 'radio',
      groupName: 'switchboard',
      hubspotDefined: false,
      options: [
        { label: 'Gold', value: 'gold', hidden: false, displayOrder: 0 },
        { label: 'Silver', value: 'silver', hidden: false, displayOrder: 1 },
        { label: 'Bronze', value: 'bronze', hidden: false, displayOrder: 2 },
      ],
    });
    expect(byName.get('preferred_language')).toMatchObject({ hubspotDefined: false, fieldType: 'select' });
    expect(byName.get('email')).toMatchObject({ hubspotDefined: true, type: 'string' });
    expect(res.body.fields.every((f: { objectType: string }) => f.objectType === 'contacts')).toBe(true);
  });

  it('covers contacts, companies and deals', async () => {
    const res = await admin('GET', `/admin/portals/${PORTAL}/fields`);
    const types = new Set(res.body.fields.map((f: { objectType: string }) => f.objectType));
    expect(types).toEqual(new Set(['contacts', 'companies', 'deals']));
    expect(res.body.fields.find((f: { name: string }) => f.name === 'dealstage')).toMatchObject({
      objectType: 'deals',
    });
  });

  it('a property created later in HubSpot appears after a refresh, with its description and options', async () => {
    await createPropertyInHubspot();
    const stale = await admin('GET', `/admin/portals/${PORTAL}/fields?objectType=contacts`);
    expect(stale.body.fields.some((f: { name: string }) => f.name === 'delivery_window')).toBe(false);
    const refreshed = await admin('POST', `/admin/portals/${PORTAL}/fields/refresh`);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.counts.contacts.custom).toBe(3);
    const fresh = await admin('GET', `/admin/portals/${PORTAL}/fields?objectType=contacts`);
    expect(fresh.body.fields.find((f: { name: string }) => f.name === 'delivery_window')).toMatchObject({
      label: 'Delivery window',
      description: 'When the customer accepts deliveries',
      options: [
        { label: 'Mornings', value: 'am', hidden: false, displayOrder: 0 },
        { label: 'Afternoons', value: 'pm', hidden: false, displayOrder: 1 },
      ],
    });
  });

  it('when a refresh fails for good, the previous fields stay and the error names HubSpot’s answer', async () => {
    const before = (await admin('GET', `/admin/portals/${PORTAL}/fields`)).body.fields;
    injectFault(w.sandbox.state, PORTAL, { kind: '500', count: 20 });
    const res = await admin('POST', `/admin/portals/${PORTAL}/fields/refresh`);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /HubSpot answered 500: An internal error occurred.*gave up after 5 attempts/,
    );
    expect((await admin('GET', `/admin/portals/${PORTAL}/fields`)).body.fields).toEqual(before);
  });

  it('an unknown objectType is a 400 naming the parameter', async () => {
    const res = await admin('GET', `/admin/portals/${PORTAL}/fields?objectType=tickets`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^query\.objectType/);
  });
});
