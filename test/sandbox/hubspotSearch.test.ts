import { afterEach, describe, expect, it } from 'vitest';
import type { PublicObjectSearchRequest } from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import { type CrmWorld, rejection, startCrmWorld } from './support/crmSandbox.ts';

let w: CrmWorld;
afterEach(() => w.close());

type Filter = { propertyName: string; operator: string; value?: string; highValue?: string; values?: string[] };
const search = (groups: Filter[][], extra: Partial<PublicObjectSearchRequest> = {}) =>
  w.client.crm.contacts.searchApi.doSearch({
    filterGroups: groups.map((filters) => ({ filters })),
    ...extra,
  } as PublicObjectSearchRequest);
const contact = (properties: Record<string, string>) =>
  w.client.crm.contacts.basicApi.create({ properties, associations: [] });
const emails = (r: { results: { properties: Record<string, string | null> }[] }) =>
  r.results.map((x) => x.properties.email).sort();

describe('HubSpot sandbox: search eventual consistency', () => {
  it('when a contact was just created, search does not find it until the index lag has passed', async () => {
    let now = 1_700_000_000_000;
    w = await startCrmWorld({ searchLagMs: 5_000, now: () => now });
    await contact({ email: 'lag@example.com', firstname: 'Old' });
    const byEmail = [[{ propertyName: 'email', operator: 'EQ', value: 'lag@example.com' }]];
    expect((await search(byEmail)).total).toBe(0);
    now += 5_000;
    const found = await search(byEmail, { properties: ['firstname'] });
    expect(found.total).toBe(1);
    expect(found.results[0]?.properties.firstname).toBe('Old');
  });

  it('when a contact is updated or archived, search keeps showing the indexed version until the lag passes', async () => {
    let now = 1_700_000_000_000;
    w = await startCrmWorld({ searchLagMs: 2_000, now: () => now });
    const c = await contact({ email: 'upd@example.com', firstname: 'Old' });
    now += 2_000;
    await w.client.crm.contacts.basicApi.update(c.id, { properties: { firstname: 'New' } });
    const byName = (v: string) => search([[{ propertyName: 'firstname', operator: 'EQ', value: v }]]);
    expect((await byName('old')).total).toBe(1);
    expect((await byName('new')).total).toBe(0);
    now += 2_000;
    expect((await byName('new')).total).toBe(1);
    await w.client.crm.contacts.basicApi.archive(c.id);
    expect((await byName('new')).total).toBe(1);
    now += 2_000;
    expect((await byName('new')).total).toBe(0);
  });
});

describe('HubSpot sandbox: search filters', () => {
  it('when filters use each operator, matching follows HubSpot’s rules', async () => {
    w = await startCrmWorld();
    await contact({ email: 'ann@acme.io', firstname: 'Ann', lifecyclestage: 'lead', hs_lead_status: 'NEW' });
    await contact({ email: 'bob@acme.io', firstname: 'Bob', lifecyclestage: 'customer' });
    await contact({ email: 'cy@other.org', jobtitle: 'CTO' });
    const q = async (f: Filter) => emails(await search([[f]]));
    expect(await q({ propertyName: 'firstname', operator: 'EQ', value: 'ANN' })).toEqual(['ann@acme.io']);
    expect(await q({ propertyName: 'firstname', operator: 'NEQ', value: 'ann' })).toEqual([
      'bob@acme.io',
      'cy@other.org',
    ]);
    expect(await q({ propertyName: 'lifecyclestage', operator: 'EQ', value: 'LEAD' })).toEqual([]); // enumerations are case-sensitive
    expect(await q({ propertyName: 'lifecyclestage', operator: 'IN', values: ['lead', 'customer'] })).toEqual([
      'ann@acme.io',
      'bob@acme.io',
    ]);
    expect(await q({ propertyName: 'firstname', operator: 'IN', values: ['ANN'] })).toEqual([]); // IN on strings needs lowercase
    expect(await q({ propertyName: 'firstname', operator: 'NOT_IN', values: ['ann'] })).toEqual([
      'bob@acme.io',
      'cy@other.org',
    ]);
    expect(await q({ propertyName: 'jobtitle', operator: 'HAS_PROPERTY' })).toEqual(['cy@other.org']);
    expect(await q({ propertyName: 'jobtitle', operator: 'NOT_HAS_PROPERTY' })).toEqual(['ann@acme.io', 'bob@acme.io']);
    expect(await q({ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@acme.io' })).toEqual([
      'ann@acme.io',
      'bob@acme.io',
    ]);
    expect(await q({ propertyName: 'email', operator: 'NOT_CONTAINS_TOKEN', value: '*@acme.io' })).toEqual([
      'cy@other.org',
    ]);
  });

  it('when number and date filters compare, they compare numerically; groups are ORed and filters ANDed', async () => {
    w = await startCrmWorld();
    const deal = (dealname: string, amount: string, closedate: string) =>
      w.client.crm.deals.basicApi.create({
        properties: { dealname, amount, closedate, pipeline: 'default', dealstage: 'appointmentscheduled' },
        associations: [],
      });
    await deal('nine', '9', '2025-01-01T00:00:00Z');
    await deal('eighty', '80', '2025-06-01T00:00:00Z');
    await deal('seven hundred', '700', '2026-01-01T00:00:00Z');
    const names = async (groups: Filter[][]) =>
      (
        await w.client.crm.deals.searchApi.doSearch({
          filterGroups: groups.map((filters) => ({ filters })),
        } as PublicObjectSearchRequest)
      ).results
        .map((r) => r.properties.dealname)
        .sort();
    expect(await names([[{ propertyName: 'amount', operator: 'GT', value: '10' }]])).toEqual([
      'eighty',
      'seven hundred',
    ]);
    expect(await names([[{ propertyName: 'amount', operator: 'BETWEEN', value: '9', highValue: '80' }]])).toEqual([
      'eighty',
      'nine',
    ]);
    const june = String(Date.parse('2025-06-01T00:00:00Z'));
    expect(await names([[{ propertyName: 'closedate', operator: 'GTE', value: june }]])).toEqual([
      'eighty',
      'seven hundred',
    ]);
    expect(
      await names([
        [{ propertyName: 'amount', operator: 'LT', value: '10' }],
        [
          { propertyName: 'amount', operator: 'GT', value: '10' },
          { propertyName: 'closedate', operator: 'GT', value: '2025-12-01T00:00:00Z' },
        ],
      ]),
    ).toEqual(['nine', 'seven hundred']);
  });

  it('when a deal search filters by associations.contact, only deals associated with that contact match', async () => {
    w = await startCrmWorld();
    const c = await contact({ email: 'assoc@example.com' });
    const mk = (dealname: string) =>
      w.client.crm.deals.basicApi.create({
        properties: { dealname, pipeline: 'default', dealstage: 'appointmentscheduled' },
        associations: [],
      });
    const linked = await mk('linked');
    await mk('unlinked');
    await w.client.crm.associations.v4.basicApi.createDefault('deals', linked.id, 'contacts', c.id);
    const res = await w.client.crm.deals.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'associations.contact', operator: 'EQ', value: c.id }] }],
    } as PublicObjectSearchRequest);
    expect(res.results.map((r) => r.id)).toEqual([linked.id]);
  });

  it('when query, sort and properties are given, results are full-text matched, ordered and trimmed', async () => {
    w = await startCrmWorld();
    await contact({ email: 'zed@example.com', firstname: 'Zed', lastname: 'Smith' });
    await contact({ email: 'amy@example.com', firstname: 'Amy', lastname: 'Smithers' });
    await contact({ email: 'bea@example.com', firstname: 'Bea', lastname: 'Jones' });
    const res = await search([], {
      query: 'smith',
      sorts: [{ propertyName: 'firstname', direction: 'DESCENDING' }] as unknown as string[],
      properties: ['firstname'],
    });
    expect(res.results.map((r) => r.properties.firstname)).toEqual(['Zed', 'Amy']);
    expect(res.results[0]?.properties.email).toBeUndefined();
    expect(res.results[0]?.properties.hs_object_id).toEqual(expect.any(String));
  });
});

describe('HubSpot sandbox: search paging and limits', () => {
  it('when 25 records match, pages of 10 carry paging.next.after until the last page', async () => {
    w = await startCrmWorld();
    for (let i = 0; i < 25; i += 1) await contact({ email: `page${i}@example.com` });
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const res = await search([], { limit: 10, after } as Partial<PublicObjectSearchRequest>);
      expect(res.total).toBe(25);
      seen.push(...res.results.map((r) => r.id));
      after = res.paging?.next?.after;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);
  });

  it('when a request breaks a documented limit, it is 400 VALIDATION_ERROR', async () => {
    w = await startCrmWorld();
    const f = { propertyName: 'email', operator: 'HAS_PROPERTY' };
    const bad = async (body: unknown) => (await w.call('POST', '/crm/v3/objects/contacts/search', body)).status;
    expect(await bad({ limit: 201 })).toBe(400);
    expect(await bad({ limit: 200 })).toBe(200);
    expect(await bad({ after: '9900', limit: 200 })).toBe(400);
    expect(await bad({ after: '9800', limit: 200 })).toBe(200);
    expect(await bad({ filterGroups: Array.from({ length: 6 }, () => ({ filters: [f] })) })).toBe(400);
    expect(await bad({ filterGroups: [{ filters: Array.from({ length: 7 }, () => f) }] })).toBe(400);
    expect(
      await bad({ filterGroups: Array.from({ length: 4 }, () => ({ filters: Array.from({ length: 5 }, () => f) })) }),
    ).toBe(400);
    expect(
      await bad({ filterGroups: Array.from({ length: 3 }, () => ({ filters: Array.from({ length: 6 }, () => f) })) }),
    ).toBe(200);
    expect(await bad({ query: 'x'.repeat(3001) })).toBe(400);
    expect(await bad({ sorts: [{ propertyName: 'email' }, { propertyName: 'firstname' }] })).toBe(400);
    const e = await rejection(search([[{ propertyName: 'nope', operator: 'EQ', value: '1' }]]));
    expect(e.code).toBe(400);
  });
});
