import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { injectFault, readCallLog, readRecords } from '../../sandbox/hubspot/controlPlane.ts';
import { AppError } from '../../src/errors.ts';
import { utcDay } from '../../src/hubspot/usageLedger.ts';
import { type ConnectionWorld, startConnectionWorld } from '../connections/support/connectionWorld.ts';
import { installOverHttp } from '../connections/support/installFlow.ts';

const PORTAL = 62515;
let w: ConnectionWorld;

beforeEach(async () => {
  w = await startConnectionWorld();
  await installOverHttp(w.url, PORTAL);
});
afterEach(() => w.close());

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const gw = () => w.services.gateway;

describe('gateway.call (typed SDK calls)', () => {
  it('returns the SDK’s typed result and counts the call per feature, endpoint and status in the usage ledger', async () => {
    const contact = w.seeded.contactIds[0]!;
    const result = await gw().call(PORTAL, { feature: 'orders', priority: 'interactive' }, (c) =>
      c.crm.contacts.basicApi.getById(contact, ['email']),
    );
    expect(result.properties.email).toBe('anna.schmidt@northwind.example.com');
    expect(result.createdAt).toBeInstanceOf(Date);
    const day = utcDay(Date.now());
    const rows = w.services.ledger.rows(PORTAL, { fromDay: day, toDay: day });
    expect(rows).toContainEqual(
      expect.objectContaining({
        feature: 'orders',
        endpoint: 'GET /crm/v3/objects/{type}/{id}',
        status: 200,
        count: 1,
      }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ feature: 'field_discovery', endpoint: 'GET /crm/v3/properties/{type}', count: 3 }),
    );
  });

  it('a 400 fails at once with HubSpot’s message; nothing is retried', async () => {
    const before = readCallLog(w.sandbox.state, { portalId: PORTAL }).length;
    const err = await failure(
      gw().call(PORTAL, { feature: 'orders' }, (c) =>
        c.crm.deals.basicApi.create({ properties: { dealname: 'x', dealstage: 'nope', pipeline: 'default' } }),
      ),
    );
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(/^HubSpot answered 400: /);
    expect(readCallLog(w.sandbox.state, { portalId: PORTAL }).length).toBe(before + 1);
  });

  it('a create that is not idempotent is not retried after a 500 (it may have happened)', async () => {
    injectFault(w.sandbox.state, PORTAL, { kind: '500', count: 1 });
    const create = gw().call(PORTAL, { feature: 'orders', idempotent: false }, (c) =>
      c.crm.companies.basicApi.create({ properties: { name: 'Once Only Ltd' } }),
    );
    const err = await failure(create);
    expect(err.code).toBe('upstream_unavailable');
    expect(err.message).toContain('was not retried');
  });

  it('an idempotent call is retried through a 502 and succeeds', async () => {
    injectFault(w.sandbox.state, PORTAL, { kind: '502', count: 2 });
    const created = await gw().call(PORTAL, { feature: 'orders' }, (c) =>
      c.crm.companies.basicApi.create({ properties: { name: 'Retry Ltd' } }),
    );
    expect(readRecords(w.sandbox.state, PORTAL, 'companies').some((r) => r.id === created.id)).toBe(true);
  });

  it('a function that sends two requests is refused: one budget slot, one request', async () => {
    const err = await failure(
      gw().call(PORTAL, { feature: 'sync' }, async (c) => {
        await c.crm.contacts.basicApi.getPage(1);
        return c.crm.contacts.basicApi.getPage(1);
      }),
    );
    expect(err.code).toBe('internal');
  });
});

describe('gateway.request (endpoints the SDK lacks)', () => {
  it('returns status, headers and JSON body of a 2xx', async () => {
    const res = await gw().request(PORTAL, {
      feature: 'schema',
      method: 'GET',
      path: '/crm/v3/properties/contacts/email',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'email', type: 'string' });
    expect(res.headers['x-hubspot-ratelimit-max']).toBe('110');
  });

  it('treats a non-2xx answer as a failure, classified like any other', async () => {
    const err = await failure(
      gw().request(PORTAL, { feature: 'schema', method: 'GET', path: '/crm/v3/properties/contacts/nope' }),
    );
    expect(err.code).toBe('not_found');
    expect(err.message).toMatch(/^HubSpot answered 404: Unable to find property nope/);
  });

  it('sends a JSON body and gets the created resource back', async () => {
    const res = await gw().request(PORTAL, {
      feature: 'orders',
      method: 'POST',
      path: '/crm/v3/objects/companies',
      body: { properties: { name: 'Raw Co' } },
      idempotent: false,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ properties: { name: 'Raw Co' } });
  });
});

describe('portals the gateway cannot serve', () => {
  it('a portal that never connected fails with not_found before anything is sent', async () => {
    const before = w.sandbox.state.callLog.length;
    const err = await failure(gw().call(999, { feature: 'x' }, (c) => c.crm.contacts.basicApi.getPage(1)));
    expect(err.code).toBe('not_found');
    expect(w.sandbox.state.callLog.length).toBe(before);
  });
});
