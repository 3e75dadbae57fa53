import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ObjectChange } from '../../sandbox/hubspot/state.ts';
import { type CrmWorld, rejection, startCrmWorld } from './support/crmSandbox.ts';

let w: CrmWorld;
beforeEach(async () => {
  w = await startCrmWorld();
});
afterEach(() => w.close());

describe('HubSpot sandbox: single CRM objects through the real SDK', () => {
  it('when a contact is created, the SDK gets a typed 201 result with computed properties', async () => {
    const created = await w.client.crm.contacts.basicApi.create({
      properties: { email: 'ada@example.com', firstname: 'Ada' },
      associations: [],
    });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.properties.hs_object_id).toBe(created.id);
    expect(created.properties.email).toBe('ada@example.com');
    expect(created.properties.createdate).toBe(created.createdAt.toISOString());
  });

  it('when a contact is read by id or by email, requested properties come back and empty ones are null', async () => {
    const c = await w.client.crm.contacts.basicApi.create({
      properties: { email: 'bo@example.com' },
      associations: [],
    });
    const byId = await w.client.crm.contacts.basicApi.getById(c.id, ['email', 'jobtitle']);
    expect(byId.properties).toMatchObject({ email: 'bo@example.com', jobtitle: null, hs_object_id: c.id });
    const byEmail = await w.client.crm.contacts.basicApi.getById(
      'BO@example.com',
      ['email'],
      undefined,
      undefined,
      false,
      'email',
    );
    expect(byEmail.id).toBe(c.id);
  });

  it('when a record does not exist, GET answers 404 OBJECT_NOT_FOUND in HubSpot’s envelope', async () => {
    const e = await rejection(w.client.crm.contacts.basicApi.getById('999999'));
    expect(e.code).toBe(404);
    expect(e.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
    expect(e.body.correlationId).toEqual(expect.any(String));
  });

  it('when a deal is patched, 200 returns the new value and "" clears a property', async () => {
    const d = await w.client.crm.deals.basicApi.create({
      properties: { dealname: 'Big', dealstage: 'appointmentscheduled', pipeline: 'default', amount: '10' },
      associations: [],
    });
    const patched = await w.client.crm.deals.basicApi.update(d.id, {
      properties: { amount: '', dealstage: 'closedwon' },
    });
    expect(patched.properties.dealstage).toBe('closedwon');
    const read = await w.client.crm.deals.basicApi.getById(d.id, ['amount', 'dealstage']);
    expect(read.properties.amount).toBeNull();
  });

  it('when a contact is deleted, it answers 204 and is gone from reads and lists', async () => {
    const c = await w.client.crm.contacts.basicApi.create({
      properties: { email: 'gone@example.com' },
      associations: [],
    });
    await w.client.crm.contacts.basicApi.archive(c.id);
    expect((await rejection(w.client.crm.contacts.basicApi.getById(c.id))).code).toBe(404);
    const page = await w.client.crm.contacts.basicApi.getPage(100);
    expect(page.results.map((r) => r.id)).not.toContain(c.id);
    const archived = await w.call('GET', `/crm/v3/objects/contacts/${c.id}?archived=true`);
    expect(archived.body.archived).toBe(true);
  });

  it('when 25 contacts exist, listing with limit 10 pages through all of them exactly once', async () => {
    for (let i = 0; i < 25; i += 1) {
      await w.client.crm.contacts.basicApi.create({ properties: { email: `p${i}@example.com` }, associations: [] });
    }
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await w.client.crm.contacts.basicApi.getPage(10, after);
      seen.push(...page.results.map((r) => r.id));
      after = page.paging?.next?.after;
    } while (after);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect((await w.call('GET', '/crm/v3/objects/contacts?limit=101')).status).toBe(400);
  });

  it('when a meeting, task and note are created with hs_timestamp, each is stored; without it, 400', async () => {
    const props = { hs_timestamp: '2025-10-01T12:00:00Z' };
    const m = await w.client.crm.objects.meetings.basicApi.create({
      properties: { ...props, hs_meeting_title: 'Intro' },
      associations: [],
    });
    const t = await w.client.crm.objects.tasks.basicApi.create({
      properties: { ...props, hs_task_status: 'WAITING' },
      associations: [],
    });
    const n = await w.client.crm.objects.notes.basicApi.create({
      properties: { ...props, hs_note_body: 'hi' },
      associations: [],
    });
    expect(m.properties.hs_createdate).toEqual(expect.any(String));
    expect([t.id, n.id].every((id) => /^\d+$/.test(id))).toBe(true);
    const e = await rejection(
      w.client.crm.objects.notes.basicApi.create({ properties: { hs_note_body: 'x' }, associations: [] }),
    );
    expect(e.code).toBe(400);
    expect(e.body.message).toContain('hs_timestamp');
  });

  it('when a record is created and changed, change events are emitted for the webhook emitter', async () => {
    const changes: ObjectChange[] = [];
    w.state.events.on('change', (c: ObjectChange) => changes.push(c));
    const c = await w.client.crm.contacts.basicApi.create({
      properties: { email: 'ev@example.com' },
      associations: [],
    });
    await w.client.crm.contacts.basicApi.update(c.id, { properties: { firstname: 'Eve' } });
    await w.client.crm.contacts.basicApi.archive(c.id);
    expect(changes.map((x) => [x.change, x.propertyName ?? null])).toEqual([
      ['creation', null],
      ['propertyChange', 'email'],
      ['propertyChange', 'firstname'],
      ['deletion', null],
    ]);
    expect(changes.every((x) => x.changeSource === 'INTEGRATION' && x.objectId === c.id)).toBe(true);
  });

  it('when the token lacks the object scope, the call is 403 MISSING_SCOPES and nothing is written', async () => {
    const token = (await import('../../sandbox/hubspot/portals.ts')).issuePrivateAppToken(w.state, w.portal.id, [
      'crm.objects.contacts.read',
    ]);
    const r = await w.call('POST', '/crm/v3/objects/contacts', { properties: { email: 'x@example.com' } }, token);
    expect(r.status).toBe(403);
    expect(r.body.category).toBe('MISSING_SCOPES');
    expect(w.portal.objects.get('contacts')?.size ?? 0).toBe(0);
  });
});
