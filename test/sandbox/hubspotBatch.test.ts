import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmWorld, rejection, startCrmWorld } from './support/crmSandbox.ts';

let w: CrmWorld;
beforeEach(async () => {
  w = await startCrmWorld();
});
afterEach(() => w.close());

const contactCount = () => [...(w.portal.objects.get('contacts')?.values() ?? [])].filter((r) => !r.archived).length;

describe('HubSpot sandbox: CRM batch endpoints', () => {
  it('when every input is valid, batch create answers 201 with one result per input', async () => {
    const res = await w.client.crm.contacts.batchApi.create({
      inputs: [1, 2, 3].map((i) => ({ properties: { email: `b${i}@example.com` }, associations: [] })),
    });
    expect(res.status).toBe('COMPLETE');
    expect(res.results).toHaveLength(3);
    expect(res.completedAt).toBeInstanceOf(Date);
  });

  it('when failing inputs carry objectWriteTraceIds, batch create is 207: valid inputs written, errors name the trace id', async () => {
    const raw = await w.call('POST', '/crm/v3/objects/contacts/batch/create', {
      inputs: [
        { properties: { email: 'ok@example.com' }, objectWriteTraceId: 'a1' },
        { properties: { missing: 'x' }, objectWriteTraceId: 'b2' },
      ],
    });
    expect(raw.status).toBe(207);
    expect(raw.body.numErrors).toBe(1);
    expect(raw.body.errors[0]).toMatchObject({
      status: 'error',
      category: 'VALIDATION_ERROR',
      context: { objectWriteTraceId: ['b2'] },
    });
    expect(raw.body.errors[0].message).toContain('PROPERTY_DOESNT_EXIST');
    expect(raw.body.results.map((r: { objectWriteTraceId: string }) => r.objectWriteTraceId)).toEqual(['a1']);
    expect(contactCount()).toBe(1);
  });

  it('when a failing input has no trace id, the whole batch is rejected and nothing is written', async () => {
    const e = await rejection(
      w.client.crm.contacts.batchApi.create({
        inputs: [
          { properties: { email: 'fine@example.com' }, associations: [] },
          { properties: { lifecyclestage: 'king' }, associations: [] },
        ],
      }),
    );
    expect(e.code).toBe(400);
    expect(contactCount()).toBe(0);
  });

  it('when one batch repeats an email, the later input conflicts with the earlier one', async () => {
    const raw = await w.call('POST', '/crm/v3/objects/contacts/batch/create', {
      inputs: [
        { properties: { email: 'twin@example.com' }, objectWriteTraceId: 't1' },
        { properties: { email: 'Twin@example.com' }, objectWriteTraceId: 't2' },
      ],
    });
    expect(raw.status).toBe(207);
    const firstId = raw.body.results[0].id;
    expect(raw.body.errors[0]).toMatchObject({
      category: 'CONFLICT',
      message: `Contact already exists. Existing ID: ${firstId}`,
      context: { objectWriteTraceId: ['t2'] },
    });
  });

  it('when a batch has more than 100 inputs, it is 400 VALIDATION_ERROR', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({
      properties: { email: `m${i}@example.com` },
      associations: [],
    }));
    const e = await rejection(w.client.crm.contacts.batchApi.create({ inputs }));
    expect(e.code).toBe(400);
    expect(e.body.category).toBe('VALIDATION_ERROR');
    expect(contactCount()).toBe(0);
  });

  it('when batch read names a missing id, the answer is 207 with OBJECT_NOT_FOUND listing it', async () => {
    const c = await w.client.crm.contacts.basicApi.create({ properties: { email: 'r@example.com' }, associations: [] });
    const both = await w.client.crm.contacts.batchApi.read({
      inputs: [{ id: c.id }, { id: '424242' }],
      properties: ['email'],
      propertiesWithHistory: [],
    });
    expect(both.results.map((r) => r.properties.email)).toEqual(['r@example.com']);
    const raw = await w.call('POST', '/crm/v3/objects/contacts/batch/read', {
      inputs: [{ id: c.id }, { id: '424242' }],
    });
    expect(raw.status).toBe(207);
    expect(raw.body.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['424242'] } });
    const byEmail = await w.client.crm.contacts.batchApi.read({
      inputs: [{ id: 'r@example.com' }],
      idProperty: 'email',
      properties: [],
      propertiesWithHistory: [],
    });
    expect(byEmail.results[0]?.id).toBe(c.id);
  });

  it('when batch update names existing ids, 200 with updated values; duplicate ids are 400', async () => {
    const a = await w.client.crm.contacts.basicApi.create({
      properties: { email: 'u1@example.com' },
      associations: [],
    });
    const res = await w.client.crm.contacts.batchApi.update({
      inputs: [{ id: a.id, properties: { firstname: 'Una' } }],
    });
    expect(res.results[0]?.properties.firstname).toBe('Una');
    const dup = await w.call('POST', '/crm/v3/objects/contacts/batch/update', {
      inputs: [
        { id: a.id, properties: {} },
        { id: a.id, properties: {} },
      ],
    });
    expect(dup.status).toBe(400);
  });

  it('when upserting by email, existing contacts are updated (new:false) and unknown ones created (new:true)', async () => {
    const old = await w.client.crm.contacts.basicApi.create({
      properties: { email: 'luke@lukesdiner.com' },
      associations: [],
    });
    const res = await w.client.crm.contacts.batchApi.upsert({
      inputs: [
        { id: 'luke@lukesdiner.com', idProperty: 'email', properties: { phone: '5555555555' } },
        { id: 'new@lukesdiner.com', idProperty: 'email', properties: { firstname: 'New' } },
      ],
    });
    const byEmail = new Map(res.results.map((r) => [r.properties.email ?? '', r]));
    const kept = res.results.find((r) => r.id === old.id);
    expect(kept?._new).toBe(false);
    expect(byEmail.get('new@lukesdiner.com')?._new).toBe(true);
    expect(contactCount()).toBe(2);
    const notUnique = await w.call('POST', '/crm/v3/objects/contacts/batch/upsert', {
      inputs: [{ id: 'x', idProperty: 'firstname', properties: {} }],
    });
    expect(notUnique.status).toBe(400);
  });

  it('when batch archive runs, it answers 204 and the records are gone', async () => {
    const a = await w.client.crm.contacts.basicApi.create({ properties: { email: 'z@example.com' }, associations: [] });
    await w.client.crm.contacts.batchApi.archive({ inputs: [{ id: a.id }, { id: '77777' }] });
    expect(contactCount()).toBe(0);
  });
});
