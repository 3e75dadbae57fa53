import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/openDatabase.ts';
import { normalizeEndpoint } from '../../src/hubspot/endpointTemplate.ts';
import { createUsageLedger, type UsageEvent } from '../../src/hubspot/usageLedger.ts';

describe('endpoint templates', () => {
  it.each([
    [
      'post',
      'https://api.hubapi.com/crm/v3/objects/contacts/batch/create?archived=false',
      'POST /crm/v3/objects/{type}/batch/create',
    ],
    ['GET', '/crm/v3/objects/deals/9001?properties=dealstage', 'GET /crm/v3/objects/{type}/{id}'],
    ['PATCH', '/crm/v3/objects/0-3/9001', 'PATCH /crm/v3/objects/{type}/{id}'],
    ['POST', '/crm/v3/objects/contacts/search', 'POST /crm/v3/objects/{type}/search'],
    ['GET', '/crm/v3/objects/contacts/luke%40lukesdiner.com?idProperty=email', 'GET /crm/v3/objects/{type}/{id}'],
    [
      'PUT',
      '/crm/v4/objects/deal/9001/associations/default/contact/1246978',
      'PUT /crm/v4/objects/{type}/{id}/associations/default/{toType}/{id}',
    ],
    [
      'GET',
      '/crm/v4/objects/contact/1246978/associations/deals',
      'GET /crm/v4/objects/{type}/{id}/associations/{toType}',
    ],
    [
      'POST',
      '/crm/v4/associations/contacts/companies/batch/read',
      'POST /crm/v4/associations/{fromType}/{toType}/batch/read',
    ],
    ['GET', '/crm/v3/properties/contacts/email', 'GET /crm/v3/properties/{type}/{name}'],
    ['POST', '/crm/v3/properties/deals/batch/read', 'POST /crm/v3/properties/{type}/batch/read'],
    ['GET', '/crm/v3/pipelines/deals/default/stages', 'GET /crm/v3/pipelines/{type}/{id}/stages'],
    [
      'POST',
      '/automation/v4/actions/callbacks/ap-102670506-56776413549-7-0/complete',
      'POST /automation/v4/actions/callbacks/{id}/complete',
    ],
    ['POST', '/oauth/v1/token', 'POST /oauth/v1/token'],
    ['GET', '/webhooks/v3/54321/subscriptions/', 'GET /webhooks/v3/{id}/subscriptions'],
  ])('%s %s → %s', (method, path, template) => {
    expect(normalizeEndpoint(method, path)).toBe(template);
  });

  it.each([
    [
      '/oauth/v1/access-tokens/CNaKSIHAAEAQAAAARiO1ooBIOP0sgEokuLtATIU5m7Kzmjj0ihJJuKFq1TcIiHCqwE6MAAAAEEAAA',
      'GET /oauth/v1/access-tokens/{token}',
    ],
    ['/oauth/v1/refresh-tokens/1e8fbfb1-8e96-4826-8b8d-c8af73715', 'GET /oauth/v1/refresh-tokens/{token}'],
    ['/oauth/v1/refresh-tokens/onlyletterstoken', 'GET /oauth/v1/refresh-tokens/{token}'],
  ])('a token in the path never reaches the ledger: %s', (path, template) => {
    expect(normalizeEndpoint('GET', path)).toBe(template);
  });
});

function ledgerAt(isoTime: string, flushEvery?: number) {
  const db = openDatabase(':memory:');
  migrate(db);
  let now = Date.parse(isoTime);
  const ledger = createUsageLedger(db, { now: () => now, flushEvery });
  return { db, ledger, setNow: (iso: string) => (now = Date.parse(iso)) };
}

const call = (overrides: Partial<UsageEvent> = {}): UsageEvent => ({
  portalId: 62515,
  feature: 'orders',
  method: 'POST',
  path: '/crm/v3/objects/deals/batch/create',
  status: 201,
  ...overrides,
});

describe('usage ledger', () => {
  it('counts calls per portal, UTC day, feature, endpoint template and status', () => {
    const { ledger } = ledgerAt('2026-03-01T23:59:59Z');
    ledger.record(call());
    ledger.record(call({ path: '/crm/v3/objects/contacts/batch/create' })); // same template
    ledger.record(call({ status: 207 }));
    expect(ledger.rows(62515, { fromDay: '2026-03-01', toDay: '2026-03-01' })).toEqual([
      {
        portalId: 62515,
        day: '2026-03-01',
        feature: 'orders',
        endpoint: 'POST /crm/v3/objects/{type}/batch/create',
        status: 201,
        count: 2,
      },
      {
        portalId: 62515,
        day: '2026-03-01',
        feature: 'orders',
        endpoint: 'POST /crm/v3/objects/{type}/batch/create',
        status: 207,
        count: 1,
      },
    ]);
  });

  it('a call after UTC midnight counts for the next day', () => {
    const { ledger, setNow } = ledgerAt('2026-03-01T23:59:59Z');
    ledger.record(call());
    setNow('2026-03-02T00:00:00Z');
    ledger.record(call());
    const rows = ledger.rows(62515, { fromDay: '2026-03-01', toDay: '2026-03-02' });
    expect(rows.map((r) => [r.day, r.count])).toEqual([
      ['2026-03-01', 1],
      ['2026-03-02', 1],
    ]);
    expect(ledger.rows(62515, { fromDay: '2026-03-02', toDay: '2026-03-02' })).toHaveLength(1);
  });

  it('record is buffered and one flush adds to the stored counters (count = count + n)', () => {
    const { db, ledger } = ledgerAt('2026-03-01T10:00:00Z', 1_000);
    const stored = () => db.prepare('SELECT COALESCE(SUM(count), 0) FROM hubspot_api_usage').pluck().get();
    for (let i = 0; i < 5; i++) ledger.record(call());
    expect(stored()).toBe(0);
    expect(ledger.flush()).toBe(1);
    for (let i = 0; i < 3; i++) ledger.record(call());
    ledger.flush();
    expect(stored()).toBe(8);
    expect(ledger.flush()).toBe(0);
  });

  it('flushes on its own after flushEvery records', () => {
    const { db, ledger } = ledgerAt('2026-03-01T10:00:00Z', 3);
    for (let i = 0; i < 3; i++) ledger.record(call());
    expect(db.prepare('SELECT count FROM hubspot_api_usage').pluck().get()).toBe(3);
  });

  it('totals per feature separate successes, client errors, rate limits and server/network failures', () => {
    const { ledger } = ledgerAt('2026-03-01T10:00:00Z');
    const statuses = [201, 200, 207, 400, 404, 429, 429, 500, 0];
    for (const status of statuses) ledger.record(call({ feature: 'orders', status }));
    ledger.record(call({ feature: 'whatsapp', method: 'GET', path: '/crm/v3/objects/contacts/1', status: 200 }));
    ledger.record(call({ portalId: 99, feature: 'orders', status: 200 }));
    const range = { fromDay: '2026-03-01', toDay: '2026-03-01' };
    expect(ledger.totalsByFeature({ ...range, portalId: 62515 })).toEqual([
      { feature: 'orders', calls: 9, ok: 3, clientErrors: 2, rateLimited: 2, serverErrors: 2 },
      { feature: 'whatsapp', calls: 1, ok: 1, clientErrors: 0, rateLimited: 0, serverErrors: 0 },
    ]);
    expect(ledger.totalsByFeature(range).find((t) => t.feature === 'orders')?.calls).toBe(10);
    expect(ledger.totalsByFeature({ fromDay: '2026-02-01', toDay: '2026-02-28' })).toEqual([]);
  });

  it('refuses a malformed day instead of returning nothing', () => {
    const { ledger } = ledgerAt('2026-03-01T10:00:00Z');
    expect(() => ledger.rows(1, { fromDay: '2026-3-1', toDay: '2026-03-02' })).toThrow(/YYYY-MM-DD/);
  });
});
