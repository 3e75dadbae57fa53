import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecords } from '../../../sandbox/hubspot/controlPlane.ts';
import { cardFetch } from '../../../sandbox/hubspot/caller/index.ts';
import { minimalSession } from '../support/e2eSessions.ts';
import { platform, type ServiceWorld, settled, startServiceWorld } from '../support/serviceWorld.ts';

/**
 * Acceptance (issue 8): each matching rule and each no-match option, set through the admin API the settings page
 * uses, decides as configured — and the Sessions card (HubSpot-signed request) shows why each participant matched.
 */
let w: ServiceWorld;
beforeAll(async () => {
  w = await startServiceWorld();
});
afterAll(() => w.close());

const contactId = (email: string) =>
  readRecords(w.sandbox.state, w.portalId, 'contacts').find((c) => c.properties.email === email)?.id;
const seeded = (i: number) => w.seeded.contactIds[i]!; // 0 Anna, 1 Jonas, 2 Lucia, 3 Miguel, 4 Emma

/** The card's view of a record's sessions, as hubspot.fetch brings it. */
async function card(objectId: string) {
  const url = `${w.url}/api/cards/sessions?portalId=${w.portalId}&objectType=contact&objectId=${objectId}&limit=20`;
  const res = await cardFetch({
    url,
    method: 'GET',
    clientSecret: w.seeded.client.clientSecret,
    portalId: w.portalId,
    userId: 1,
    userEmail: 'alice.rep@acme-distribution.example.com',
  });
  if (!res.ok) throw new Error(`card: ${res.category} ${res.message}`);
  return res.body as {
    sessions: {
      sessionId: string;
      participants: { rule: string; reason: string; outcome: string; email: string | null }[];
    }[];
  };
}

async function postWithRules(sessionId: string, rules: object, participants: object[]) {
  const set = await w.admin('PUT', `/admin/portals/${w.portalId}/sessions/rules`, rules);
  expect(set.status).toBe(200);
  expect((await platform(w, 'POST', '/api/sessions', minimalSession(sessionId, participants))).status).toBe(202);
  return settled(w, sessionId);
}

async function whyOnCard(recordId: string, sessionId: string, email: string | null) {
  const item = (await card(recordId)).sessions.find((s) => s.sessionId === sessionId);
  expect(item, `session ${sessionId} on the card of ${recordId}`).toBeDefined();
  return item!.participants.find((p) => p.email === email)!;
}

describe('matching rules set through the admin API, shown on the card', () => {
  it('email: the contact with that email', async () => {
    await postWithRules('rule-email', { primary: ['email'] }, [
      { name: 'J W', email: 'jonas.weber@northwind.example.com' },
    ]);
    expect(await whyOnCard(seeded(1), 'rule-email', 'jonas.weber@northwind.example.com')).toMatchObject({
      outcome: 'matched',
      rule: 'email',
      reason: `email jonas.weber@northwind.example.com matched contact ${seeded(1)}`,
    });
  });

  it('full name: the one contact with that name, whatever the email', async () => {
    const p = { name: 'Lucia Garcia', email: 'lucia.private@gmail.com' };
    await postWithRules('rule-name', { primary: ['fullName'] }, [p]);
    expect(await whyOnCard(seeded(2), 'rule-name', p.email)).toMatchObject({
      rule: 'fullName',
      reason: `full name "Lucia Garcia" matched contact ${seeded(2)}`,
    });
    expect(contactId(p.email)).toBeUndefined();
  });

  it('phone: the contact with that phone number, written differently', async () => {
    await postWithRules('rule-phone', { primary: ['phone'] }, [{ name: 'M. Santos', phone: '+351 912 345 604' }]);
    const why = await whyOnCard(seeded(3), 'rule-phone', null);
    expect(why).toMatchObject({ outcome: 'matched', rule: 'phone' });
    expect(why.reason).toMatch(new RegExp(`^phone .*912.*345.*604 matched contact ${seeded(3)}$`));
  });

  it('company domain: the only contact of the company the email domain names', async () => {
    const p = { name: 'L. G.', email: 'procurement@contoso.example.com' };
    await postWithRules('rule-domain', { primary: ['companyDomain'] }, [p]);
    const contoso = w.seeded.companyIds[1]!;
    expect(await whyOnCard(seeded(2), 'rule-domain', p.email)).toMatchObject({
      rule: 'companyDomain',
      reason: `company domain contoso.example.com: contact ${seeded(2)} is the only contact at company ${contoso}`,
    });
    expect(contactId(p.email)).toBeUndefined();
  });

  it('no match → create: a new contact, and the card of that contact says why', async () => {
    const p = { name: 'Nina New', email: 'nina.new@fresh.example' };
    await postWithRules('nomatch-create', { primary: ['email'], onNoMatch: 'create' }, [p]);
    const created = contactId(p.email)!;
    expect(created).toBeDefined();
    expect(await whyOnCard(created, 'nomatch-create', p.email)).toMatchObject({
      outcome: 'created',
      rule: 'create',
      reason: 'created: no contact with email nina.new@fresh.example',
    });
  });

  it('no match → skip: nobody is created; the session shows the skipped person on the other contact', async () => {
    const p = { name: 'Sam Skip', email: 'sam.skip@fresh.example' };
    const jonas = { name: 'Jonas Weber', email: 'jonas.weber@northwind.example.com' };
    await postWithRules('nomatch-skip', { primary: ['email'], onNoMatch: 'skip' }, [jonas, p]);
    expect(contactId(p.email)).toBeUndefined();
    expect(await whyOnCard(seeded(1), 'nomatch-skip', p.email)).toMatchObject({
      outcome: 'skipped',
      rule: 'skip',
      reason: 'skipped: no contact with email sam.skip@fresh.example',
    });
  });

  it('no match → default contact: the portal’s default contact stands in', async () => {
    const p = { name: 'Dora Default', email: 'dora@fresh.example' };
    const rules = { primary: ['email'], onNoMatch: 'defaultContact', defaultContactId: seeded(4) };
    await postWithRules('nomatch-default', rules, [p]);
    expect(contactId(p.email)).toBeUndefined();
    expect(await whyOnCard(seeded(4), 'nomatch-default', p.email)).toMatchObject({
      outcome: 'default',
      rule: 'defaultContact',
      reason: `default contact ${seeded(4)}: no contact with email dora@fresh.example`,
    });
  });

  it('rules that do not validate are refused with the field named, and the saved ones stay', async () => {
    const before = await w.admin('GET', `/admin/portals/${w.portalId}/sessions/rules`);
    const bad = await w.admin('PUT', `/admin/portals/${w.portalId}/sessions/rules`, { onNoMatch: 'defaultContact' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('body.defaultContactId: required when onNoMatch is defaultContact');
    expect((await w.admin('GET', `/admin/portals/${w.portalId}/sessions/rules`)).body).toEqual(before.body);
  });
});
