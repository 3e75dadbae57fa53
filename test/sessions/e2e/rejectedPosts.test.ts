import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../connections/support/adminClient.ts';
import { NORTHWIND_CALL } from '../support/e2eSessions.ts';
import { platform, type ServiceWorld, startServiceWorld } from '../support/serviceWorld.ts';

/**
 * Acceptance (issue 8): a bad key gets 401, a malformed session 400 naming the field — and neither writes anything:
 * no session, no job, no HubSpot call.
 */
let w: ServiceWorld;
beforeAll(async () => {
  w = await startServiceWorld();
});
afterAll(() => w.close());

const count = (table: string) => (w.service.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const footprint = () => ({ sessions: count('sessions'), jobs: count('jobs'), calls: w.callsSince(0).length });

async function refusedWithoutTrace(send: () => Promise<{ status: number; body: Json }>) {
  const before = footprint();
  const res = await send();
  await new Promise((r) => setTimeout(r, 100)); // a job would have been claimed by now
  expect(footprint()).toEqual(before);
  return res;
}

const withParticipant = (p: object) => ({ ...NORTHWIND_CALL, participants: [p] });

describe('refused session posts', () => {
  it.each([
    ['no Authorization header', undefined],
    ['an unknown key', `sbk_${'x'.repeat(43)}`],
    ['not an API key at all', 'hello'],
  ])('%s → 401, nothing written', async (_what, key) => {
    const res = await refusedWithoutTrace(() =>
      key === undefined
        ? fetch(`${w.url}/api/sessions`, { method: 'POST', body: JSON.stringify(NORTHWIND_CALL) }).then(async (r) => ({
            status: r.status,
            body: await r.json(),
          }))
        : platform(w, 'POST', '/api/sessions', NORTHWIND_CALL, key),
    );
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('a revoked key → 401; a key for orders → 403; a bad key with a malformed body is still a 401', async () => {
    const made = await w.admin('POST', `/admin/portals/${w.portalId}/api-keys`, { name: 'old', scope: 'sessions' });
    await w.admin('DELETE', `/admin/portals/${w.portalId}/api-keys/${made.body.id}`);
    expect(
      (await refusedWithoutTrace(() => platform(w, 'POST', '/api/sessions', NORTHWIND_CALL, made.body.key))).status,
    ).toBe(401);
    const orders = await w.admin('POST', `/admin/portals/${w.portalId}/api-keys`, { name: 'erp', scope: 'orders' });
    expect(
      (await refusedWithoutTrace(() => platform(w, 'POST', '/api/sessions', NORTHWIND_CALL, orders.body.key))).status,
    ).toBe(403);
    expect((await refusedWithoutTrace(() => platform(w, 'POST', '/api/sessions', { junk: true }, 'nope'))).status).toBe(
      401,
    );
    expect((await refusedWithoutTrace(() => platform(w, 'GET', '/api/sessions/x', undefined, 'nope'))).status).toBe(
      401,
    );
    expect(
      (await refusedWithoutTrace(() => platform(w, 'GET', '/api/context?email=a@b.example', undefined, 'nope'))).status,
    ).toBe(401);
  });

  it.each([
    ['participants.0.email: invalid email', withParticipant({ name: 'X', email: 'not-an-email' })],
    ['summary.sentiment', { ...NORTHWIND_CALL, summary: { ...NORTHWIND_CALL.summary, sentiment: 'ecstatic' } }],
    ['startTime: must be an ISO 8601 date-time with a time zone', { ...NORTHWIND_CALL, startTime: '2026-03-02 09:00' }],
    [
      'summary.actionItems.0.dueDate',
      {
        ...NORTHWIND_CALL,
        summary: { ...NORTHWIND_CALL.summary, actionItems: [{ title: 'x', dueDate: 'tomorrow' }] },
      },
    ],
    ['participants: at least one participant', { ...NORTHWIND_CALL, participants: [] }],
    ['sessionId', { ...NORTHWIND_CALL, sessionId: 'has spaces/and slashes' }],
  ])('a session with a bad %s → 400 naming the field, nothing written', async (field, body) => {
    const res = await refusedWithoutTrace(() => platform(w, 'POST', '/api/sessions', body));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation');
    expect(res.body.error.message).toContain(field);
  });

  it('a body that is not JSON → 400, nothing written', async () => {
    const res = await refusedWithoutTrace(async () => {
      const r = await fetch(`${w.url}/api/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${w.apiKey}`, 'content-type': 'application/json' },
        body: '{"sessionId":',
      });
      return { status: r.status, body: await r.json() };
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Request body is not valid JSON');
  });

  it('asking for a session never posted → 404; pre-call context with a bad email → 400 naming it', async () => {
    expect((await platform(w, 'GET', '/api/sessions/never-posted')).status).toBe(404);
    const bad = await platform(w, 'GET', '/api/context?email=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('query.email');
  });
});
