import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmWorld, rejection, startCrmWorld } from './support/crmSandbox.ts';

let w: CrmWorld;
beforeEach(async () => {
  w = await startCrmWorld();
});
afterEach(() => w.close());

/** The list HubSpot embeds in "Property values were not valid: [...]" (reference §12.6). */
function invalidProperties(message: string): { name: string; error: string }[] {
  expect(message.startsWith('Property values were not valid: ')).toBe(true);
  return JSON.parse(message.slice('Property values were not valid: '.length));
}

const deal = (p: Record<string, string>) => w.client.crm.deals.basicApi.create({ properties: p, associations: [] });
const okDeal = { dealname: 'D', pipeline: 'default', dealstage: 'appointmentscheduled' };

describe('HubSpot sandbox: property validation', () => {
  it('when a property does not exist, 400 VALIDATION_ERROR names it with PROPERTY_DOESNT_EXIST', async () => {
    const e = await rejection(
      w.client.crm.contacts.basicApi.create({ properties: { missing: 'x' }, associations: [] }),
    );
    expect(e.code).toBe(400);
    expect(e.body.category).toBe('VALIDATION_ERROR');
    expect(invalidProperties(e.body.message)).toEqual([
      expect.objectContaining({
        isValid: false,
        name: 'missing',
        error: 'PROPERTY_DOESNT_EXIST',
        message: 'Property "missing" does not exist',
      }),
    ]);
  });

  it('when an enumeration value is not an option, the error is INVALID_OPTION on that property', async () => {
    const e = await rejection(deal({ ...okDeal, dealtype: 'NEWBUSINESS' }));
    expect(invalidProperties(e.body.message)).toEqual([
      expect.objectContaining({ name: 'dealtype', error: 'INVALID_OPTION' }),
    ]);
  });

  it('when a number property gets text, the error is INVALID_INTEGER / INVALID_DECIMAL', async () => {
    const e1 = await rejection(deal({ ...okDeal, amount: 'lots' }));
    expect(invalidProperties(e1.body.message)[0]).toMatchObject({ name: 'amount', error: 'INVALID_INTEGER' });
    const e2 = await rejection(deal({ ...okDeal, amount: '1.2.3' }));
    expect(invalidProperties(e2.body.message)[0]).toMatchObject({ name: 'amount', error: 'INVALID_DECIMAL' });
    const ok = await deal({ ...okDeal, amount: '1500.00' });
    expect(ok.properties.amount).toBe('1500.00');
  });

  it('when a datetime is malformed it is INVALID_DATE; epoch ms is stored as ISO', async () => {
    const e = await rejection(deal({ ...okDeal, closedate: '12/07/2019' }));
    expect(invalidProperties(e.body.message)[0]).toMatchObject({ name: 'closedate', error: 'INVALID_DATE' });
    const ok = await deal({ ...okDeal, closedate: '1575676800000' });
    expect(ok.properties.closedate).toBe('2019-12-07T00:00:00.000Z');
  });

  it('when required deal properties are missing, each is named and nothing is created', async () => {
    const e = await rejection(deal({ dealname: 'only a name' }));
    const names = invalidProperties(e.body.message)
      .map((i) => i.name)
      .sort();
    expect(names).toEqual(['dealstage', 'pipeline']);
    expect(w.portal.objects.get('deals')?.size).toBe(0);
  });

  it('when a ticket lacks subject/pipeline/stage or a company lacks both domain and name, 400', async () => {
    const t = await rejection(w.client.crm.tickets.basicApi.create({ properties: { content: 'x' }, associations: [] }));
    expect(
      invalidProperties(t.body.message)
        .map((i) => i.name)
        .sort(),
    ).toEqual(['hs_pipeline', 'hs_pipeline_stage', 'subject']);
    const c = await rejection(
      w.client.crm.companies.basicApi.create({ properties: { city: 'Berlin' }, associations: [] }),
    );
    expect(c.code).toBe(400);
    const ok = await w.client.crm.companies.basicApi.create({ properties: { domain: 'acme.io' }, associations: [] });
    expect(ok.properties.domain).toBe('acme.io');
  });

  it('when a deal stage belongs to no stage of the deal’s pipeline, the stage is INVALID_OPTION', async () => {
    const e = await rejection(deal({ ...okDeal, dealstage: '1' }));
    expect(invalidProperties(e.body.message)).toEqual([
      expect.objectContaining({ name: 'dealstage', error: 'INVALID_OPTION' }),
    ]);
    const d = await deal(okDeal);
    const u = await rejection(w.client.crm.deals.basicApi.update(d.id, { properties: { pipeline: 'nope' } }));
    expect(invalidProperties(u.body.message)[0]).toMatchObject({ name: 'pipeline', error: 'INVALID_OPTION' });
  });

  it('when read-only properties are sent, they are rejected and the sandbox keeps its own values', async () => {
    const e = await rejection(
      w.client.crm.contacts.basicApi.create({
        properties: { hs_object_id: '1', createdate: '2020-01-01' },
        associations: [],
      }),
    );
    expect(invalidProperties(e.body.message).map((i) => i.error)).toEqual(['READ_ONLY_VALUE', 'READ_ONLY_VALUE']);
  });

  it('when a contact email already exists (any case), create is 409 CONFLICT "Contact already exists. Existing ID: <id>"', async () => {
    const first = await w.client.crm.contacts.basicApi.create({
      properties: { email: 'dup@example.com' },
      associations: [],
    });
    const e = await rejection(
      w.client.crm.contacts.basicApi.create({ properties: { email: 'DUP@example.com' }, associations: [] }),
    );
    expect(e.code).toBe(409);
    expect(e.body).toMatchObject({ category: 'CONFLICT', message: `Contact already exists. Existing ID: ${first.id}` });
  });

  it('when an owner id is unknown it is rejected; a known owner is accepted', async () => {
    const { addOwner } = await import('../../sandbox/hubspot/portals.ts');
    const owner = addOwner(w.portal, { email: 'rep@example.com' });
    const e = await rejection(deal({ ...okDeal, hubspot_owner_id: '1' }));
    expect(invalidProperties(e.body.message)[0]).toMatchObject({ name: 'hubspot_owner_id', error: 'INVALID_OPTION' });
    expect((await deal({ ...okDeal, hubspot_owner_id: owner.id })).properties.hubspot_owner_id).toBe(owner.id);
  });
});
