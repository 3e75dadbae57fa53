import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecords } from '../../../sandbox/hubspot/controlPlane.ts';
import { minimalSession } from '../support/e2eSessions.ts';
import { platform, type ServiceWorld, settled, startServiceWorld } from '../support/serviceWorld.ts';

/**
 * Privacy: what sessions stored about a contact goes when HubSpot reports a GDPR delete (the forgetContact registry
 * of src/privacy), and everything about a portal goes when it disconnects (the connections' forget registry).
 */
let w: ServiceWorld;
beforeEach(async () => {
  w = await startServiceWorld();
});
afterEach(() => w.close());

const jonas = { name: 'Jonas Weber', email: 'jonas.weber@northwind.example.com' };
const nina = { name: 'Nina New', email: 'nina.new@fresh.example', phone: '+49 30 555 0101' };
const rows = (sql: string, ...args: unknown[]) => w.service.db.prepare(sql).all(...args) as Record<string, unknown>[];

async function postBoth() {
  await platform(w, 'POST', '/api/sessions', minimalSession('with-both', [jonas, nina]));
  await platform(w, 'POST', '/api/sessions', minimalSession('nina-only', [nina]));
  await settled(w, 'with-both');
  await settled(w, 'nina-only');
  return readRecords(w.sandbox.state, w.portalId, 'contacts').find((c) => c.properties.email === nina.email)!.id;
}

describe('forgetting the people of sessions', () => {
  it('a contact’s GDPR delete removes them from every session, and a session only about them entirely', async () => {
    const ninaId = await postBoth();
    const removed = w.service.spine.forgetContact.forget(w.portalId, Number(ninaId));
    expect(removed.sessions).toBeGreaterThan(0);

    expect((await platform(w, 'GET', '/api/sessions/nina-only')).status).toBe(404);
    const both = (await platform(w, 'GET', '/api/sessions/with-both')).body;
    expect(both.result.participants.map((p: { email: string }) => p.email)).toEqual([jonas.email]);
    expect(both.result.contactIds).not.toContain(ninaId);
    const stored = rows('SELECT payload, result FROM sessions WHERE portal_id = ?', w.portalId);
    expect(JSON.stringify(stored)).not.toMatch(/nina|555 0101/i);
    expect(rows('SELECT * FROM matching_keys WHERE portal_id = ? AND hubspot_id = ?', w.portalId, ninaId)).toEqual([]);
    expect(rows("SELECT * FROM session_records WHERE object_type = 'contact' AND object_id = ?", ninaId)).toEqual([]);
  });

  it('the same session posted again after the delete stays unchanged: the person is not brought back', async () => {
    const ninaId = await postBoth();
    w.service.spine.forgetContact.forget(w.portalId, Number(ninaId));
    const again = await platform(w, 'POST', '/api/sessions', minimalSession('with-both', [jonas, nina]));
    expect(again.body).toMatchObject({ change: 'unchanged' });
  });

  it('a disconnected portal leaves no session data behind', async () => {
    await postBoth();
    const report = await w.service.connections.forget.forget(w.portalId);
    expect(report.removed.sessions).toBeGreaterThan(0);
    for (const table of ['sessions', 'session_records', 'session_writes', 'matching_keys', 'session_sync_jobs']) {
      expect(rows(`SELECT * FROM ${table} WHERE portal_id = ?`, w.portalId), table).toEqual([]);
    }
  });
});
