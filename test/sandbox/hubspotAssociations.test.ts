import { AssociationSpecAssociationCategoryEnum as Category } from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmWorld, rejection, startCrmWorld } from './support/crmSandbox.ts';

let w: CrmWorld;
let contactId: string;
let companyId: string;
beforeEach(async () => {
  w = await startCrmWorld();
  contactId = (
    await w.client.crm.contacts.basicApi.create({ properties: { email: 'a@example.com' }, associations: [] })
  ).id;
  companyId = (await w.client.crm.companies.basicApi.create({ properties: { name: 'Acme' }, associations: [] })).id;
});
afterEach(() => w.close());

const HS = Category.HubspotDefined;
const typeIdsFrom = async (type: string, id: string, toType: string) =>
  (await w.client.crm.associations.v4.basicApi.getPage(type, id, toType)).results.flatMap((r) =>
    r.associationTypes.map((t) => [String(r.toObjectId), t.typeId]),
  );

describe('HubSpot sandbox: associations v4, single pair', () => {
  it('when a default association is created contact→company, it is 279 one way and 280 the other', async () => {
    const res = await w.client.crm.associations.v4.basicApi.createDefault('contact', contactId, 'company', companyId);
    expect(res.status).toBe('COMPLETE');
    expect(res.results.map((r) => r.associationSpec.associationTypeId).sort()).toEqual([279, 280]);
    expect(await typeIdsFrom('contacts', contactId, 'companies')).toEqual([[companyId, 279]]);
    expect(await typeIdsFrom('0-2', companyId, '0-1')).toEqual([[contactId, 280]]);
  });

  it('when a labelled association is created, it answers 201 LabelsBetweenObjectPair with object type ids', async () => {
    const res = await w.client.crm.associations.v4.basicApi.create('contacts', contactId, 'companies', companyId, [
      { associationCategory: HS, associationTypeId: 1 },
    ]);
    expect(res).toMatchObject({ fromObjectTypeId: '0-1', toObjectTypeId: '0-2', labels: ['Primary'] });
    expect(String(res.toObjectId)).toBe(companyId);
    expect(await typeIdsFrom('companies', companyId, 'contacts')).toEqual([[contactId, 2]]);
  });

  it('when a type id does not exist for the pair, the labelled create is 400 and nothing is stored', async () => {
    const e = await rejection(
      w.client.crm.associations.v4.basicApi.create('contacts', contactId, 'companies', companyId, [
        { associationCategory: HS, associationTypeId: 280 },
      ]),
    );
    expect(e.code).toBe(400);
    expect(w.portal.associations).toHaveLength(0);
  });

  it('when either record does not exist, the association is 404', async () => {
    const e = await rejection(
      w.client.crm.associations.v4.basicApi.createDefault('contacts', contactId, 'companies', '99999'),
    );
    expect(e.code).toBe(404);
  });

  it('when the pair is deleted, 204 and neither side lists the other', async () => {
    await w.client.crm.associations.v4.basicApi.createDefault('contacts', contactId, 'companies', companyId);
    await w.client.crm.associations.v4.basicApi.archive('contacts', contactId, 'companies', companyId);
    expect(await typeIdsFrom('contacts', contactId, 'companies')).toEqual([]);
    expect(await typeIdsFrom('companies', companyId, 'contacts')).toEqual([]);
  });

  it('when a meeting is created with inline associations, the type id must fit the pair and the record must exist', async () => {
    const m = await w.client.crm.objects.meetings.basicApi.create({
      properties: { hs_timestamp: '2025-01-01T10:00:00Z' },
      associations: [{ to: { id: contactId }, types: [{ associationCategory: HS, associationTypeId: 200 }] }],
    });
    expect(await typeIdsFrom('contacts', contactId, 'meetings')).toEqual([[m.id, 199]]);
    const wrongType = await rejection(
      w.client.crm.objects.meetings.basicApi.create({
        properties: { hs_timestamp: '2025-01-01T10:00:00Z' },
        associations: [{ to: { id: contactId }, types: [{ associationCategory: HS, associationTypeId: 204 }] }],
      }),
    );
    expect(wrongType.code).toBe(400);
    const missing = await rejection(
      w.client.crm.objects.notes.basicApi.create({
        properties: { hs_timestamp: '2025-01-01T10:00:00Z' },
        associations: [{ to: { id: '5555' }, types: [{ associationCategory: HS, associationTypeId: 202 }] }],
      }),
    );
    expect(missing.code).toBe(400);
  });

  it('when a contact is read with associations=companies, the v3 association block lists the company', async () => {
    await w.client.crm.associations.v4.basicApi.createDefault('contacts', contactId, 'companies', companyId);
    const c = await w.client.crm.contacts.basicApi.getById(contactId, undefined, undefined, ['companies']);
    expect(c.associations?.companies?.results.map((r) => r.id)).toEqual([companyId]);
  });

  it('when labels are listed for deal→company, the default and primary types are there', async () => {
    const r = await w.call('GET', '/crm/v4/associations/deals/companies/labels');
    expect(r.body.results.map((t: { typeId: number }) => t.typeId).sort((a: number, b: number) => a - b)).toEqual([
      5, 341,
    ]);
  });
});

describe('HubSpot sandbox: associations v4, batch', () => {
  it('when batch create has a missing record, it is 207: the valid pair is stored and the error reported', async () => {
    const res = await w.call('POST', '/crm/v4/associations/contacts/companies/batch/create', {
      inputs: [
        {
          from: { id: contactId },
          to: { id: companyId },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
        },
        {
          from: { id: contactId },
          to: { id: '8888' },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
        },
      ],
    });
    expect(res.status).toBe(207);
    expect(res.body.numErrors).toBe(1);
    expect(res.body.results).toHaveLength(1);
    const ok = await w.client.crm.associations.v4.batchApi.create('contacts', 'companies', {
      inputs: [
        { _from: { id: contactId }, to: { id: companyId }, types: [{ associationCategory: HS, associationTypeId: 1 }] },
      ],
    });
    expect(ok.results[0]?.labels).toEqual(['Primary']);
  });

  it('when batch read asks for records with and without associations, the missing ones are 207 errors', async () => {
    const lonely = (
      await w.client.crm.contacts.basicApi.create({ properties: { email: 'l@example.com' }, associations: [] })
    ).id;
    await w.client.crm.associations.v4.batchApi.createDefault('contacts', 'companies', {
      inputs: [{ _from: { id: contactId }, to: { id: companyId } }],
    });
    const res = await w.call('POST', '/crm/v4/associations/contacts/companies/batch/read', {
      inputs: [{ id: contactId }, { id: lonely }],
    });
    expect(res.status).toBe(207);
    expect(res.body.results[0]).toMatchObject({
      from: { id: contactId },
      to: [{ associationTypes: [{ typeId: 279 }] }],
    });
    expect(res.body.errors[0].context.fromObjectId).toEqual([lonely]);
    const sdk = await w.client.crm.associations.v4.batchApi.getPage('contacts', 'companies', {
      inputs: [{ id: contactId }],
    });
    expect(sdk.results[0]?.to.map((t) => String(t.toObjectId))).toEqual([companyId]);
  });

  it('when batch labels/archive removes the primary label, the unlabelled association remains; batch archive removes all', async () => {
    await w.client.crm.associations.v4.basicApi.create('contacts', contactId, 'companies', companyId, [
      { associationCategory: HS, associationTypeId: 279 },
      { associationCategory: HS, associationTypeId: 1 },
    ]);
    await w.client.crm.associations.v4.batchApi.archiveLabels('contacts', 'companies', {
      inputs: [
        { _from: { id: contactId }, to: { id: companyId }, types: [{ associationCategory: HS, associationTypeId: 1 }] },
      ],
    });
    expect(await typeIdsFrom('companies', companyId, 'contacts')).toEqual([[contactId, 280]]);
    await w.client.crm.associations.v4.batchApi.archive('contacts', 'companies', {
      inputs: [{ _from: { id: contactId }, to: [{ id: companyId }] }],
    });
    expect(await typeIdsFrom('contacts', contactId, 'companies')).toEqual([]);
  });
});
