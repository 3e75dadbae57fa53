import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonMatch } from '../../src/matching/index.ts';
import { records } from '../sessions/support/observe.ts';
import { type SessionWorld, startSessionWorld } from '../sessions/support/sessionWorld.ts';

let w: SessionWorld;
beforeEach(async () => {
  w = await startSessionWorld();
});
afterEach(() => w.close());

const contact = async (properties: Record<string, string>) =>
  (await w.client.crm.contacts.basicApi.create({ properties })).id;
const match = (people: Parameters<SessionWorld['sessions']['matching']['matchPeople']>[1]) =>
  w.sessions.matching.matchPeople(w.portal.id, people);
const rules = (r: Record<string, unknown>) => w.sessions.rules.set(w.portal.id, r);
const brief = (m: PersonMatch) => ({
  id: m.contact.id,
  outcome: m.contact.outcome,
  rule: m.contact.rule,
  reason: m.contact.reason,
});

describe('primary matching rules', () => {
  it('by email: the contact with that email, whatever the case', async () => {
    const id = await contact({ email: 'ann@acme.example', firstname: 'Ann' });
    const [m] = await match([{ name: 'Somebody Else', email: 'ANN@acme.example' }]);
    expect(brief(m!)).toEqual({
      id,
      outcome: 'matched',
      rule: 'email',
      reason: `email ann@acme.example matched contact ${id}`,
    });
  });

  it('by full name: when the email is unknown, the one contact with that first and last name', async () => {
    rules({ primary: ['email', 'fullName'] });
    const id = await contact({ email: 'ann.private@other.example', firstname: 'Ann', lastname: 'Lee' });
    await contact({ email: 'ann.kim@acme.example', firstname: 'Ann', lastname: 'Kim' }); // same first name only
    const [m] = await match([{ name: 'ann lee', email: 'ann@acme.example' }]);
    expect(brief(m!)).toEqual({
      id,
      outcome: 'matched',
      rule: 'fullName',
      reason: `full name "ann lee" matched contact ${id}`,
    });
  });

  it('by full name: two contacts with the name are ambiguous, and the no-match reason says so', async () => {
    rules({ primary: ['fullName'], onNoMatch: 'skip' });
    const a = await contact({ firstname: 'Ann', lastname: 'Lee' });
    const b = await contact({ firstname: 'Ann', lastname: 'Lee' });
    const [m] = await match([{ name: 'Ann Lee', email: 'ann@acme.example' }]);
    expect(brief(m!)).toEqual({
      id: null,
      outcome: 'skipped',
      rule: 'skip',
      reason: `skipped: full name "Ann Lee" matches 2 contacts (${a}, ${b}); not guessing`,
    });
  });

  it('by phone: the same digits, with or without the country code’s plus', async () => {
    rules({ primary: ['phone'] });
    const id = await contact({ firstname: 'Bo', phone: '+4915123456789' });
    const [m] = await match([{ name: 'Bo', phone: '+49 151 23456789' }]);
    expect(brief(m!)).toMatchObject({ id, rule: 'phone', reason: `phone +4915123456789 matched contact ${id}` });
  });

  it('by company domain: the only contact of the company found by the email domain, else the one with the name', async () => {
    rules({ primary: ['companyDomain'], onNoMatch: 'skip' });
    const solo = (
      await w.client.crm.companies.basicApi.create({ properties: { domain: 'solo.example', name: 'Solo' } })
    ).id;
    const duo = (await w.client.crm.companies.basicApi.create({ properties: { domain: 'duo.example', name: 'Duo' } }))
      .id;
    const atCompany = async (companyId: string, props: Record<string, string>) => {
      const id = await contact(props);
      await w.client.crm.associations.v4.basicApi.createDefault('contacts', id, 'companies', companyId);
      return id;
    };
    const only = await atCompany(solo, { email: 'boss@solo.example' });
    const cy = await atCompany(duo, { firstname: 'Cy', lastname: 'Duo' });
    await atCompany(duo, { firstname: 'Di', lastname: 'Duo' });
    const [a, b, c] = await match([
      { email: 'new@solo.example' },
      { name: 'Cy Duo', email: 'cy@duo.example' },
      { name: 'Ed Duo', email: 'ed@duo.example' },
    ]);
    expect(brief(a!)).toMatchObject({
      id: only,
      rule: 'companyDomain',
      reason: `company domain solo.example: contact ${only} is the only contact at company ${solo}`,
    });
    expect(brief(b!)).toMatchObject({
      id: cy,
      rule: 'companyDomain',
      reason: `company domain duo.example: contact ${cy} is the one named "Cy Duo" at company ${duo}`,
    });
    expect(brief(c!)).toMatchObject({
      id: null,
      reason: `skipped: company ${duo} (duo.example) has 2 contacts and none with this name; not guessing`,
    });
  });

  it('rules apply in the configured order: full name before email', async () => {
    rules({ primary: ['fullName', 'email'] });
    await contact({ email: 'ann@acme.example', firstname: 'Someone', lastname: 'Else' });
    const byName = await contact({ email: 'old@acme.example', firstname: 'Ann', lastname: 'Lee' });
    const [m] = await match([{ name: 'Ann Lee', email: 'ann@acme.example' }]);
    expect(brief(m!)).toMatchObject({ id: byName, rule: 'fullName' });
  });
});

describe('when no rule matches', () => {
  it('create (the default): a new contact, and the reason names what was tried', async () => {
    const [m] = await match([{ name: 'Ann Lee', email: 'ann@acme.example' }]);
    const created = records(w.state, w.portal.id, 'contacts');
    expect(created.map((c) => c.properties.email)).toEqual(['ann@acme.example']);
    expect(brief(m!)).toEqual({
      id: created[0]!.id,
      outcome: 'created',
      rule: 'create',
      reason: 'created: no contact with email ann@acme.example',
    });
  });

  it('create needs an email unless the rules say otherwise', async () => {
    const [m] = await match([{ name: 'Nameonly Person' }]);
    expect(brief(m!)).toMatchObject({ id: null, outcome: 'skipped', rule: 'create' });
    expect(m!.contact.reason).toBe(
      'not created: no email (the rules create contacts only from an email); no email given',
    );
    rules({ requireEmailToCreate: false });
    const [again] = await match([{ name: 'Nameonly Person' }]);
    expect(again!.contact.outcome).toBe('created');
    expect(records(w.state, w.portal.id, 'contacts').map((c) => c.properties.firstname)).toEqual(['Nameonly']);
  });

  it('skip: nothing is created and the person is marked skipped with the reason', async () => {
    rules({ onNoMatch: 'skip' });
    const [m] = await match([{ email: 'ann@acme.example' }]);
    expect(brief(m!)).toEqual({
      id: null,
      outcome: 'skipped',
      rule: 'skip',
      reason: 'skipped: no contact with email ann@acme.example',
    });
    expect(records(w.state, w.portal.id, 'contacts')).toHaveLength(0);
  });

  it('default contact: the portal’s catch-all contact, nothing created', async () => {
    const fallback = await contact({ email: 'unmatched@switchboard.example' });
    rules({ onNoMatch: 'defaultContact', defaultContactId: fallback });
    const [m] = await match([{ email: 'ann@acme.example' }]);
    expect(brief(m!)).toEqual({
      id: fallback,
      outcome: 'default',
      rule: 'defaultContact',
      reason: `default contact ${fallback}: no contact with email ann@acme.example`,
    });
    expect(records(w.state, w.portal.id, 'contacts')).toHaveLength(1);
  });

  it('rules naming a default contact without its id are refused, naming the field', () => {
    expect(() => rules({ onNoMatch: 'defaultContact' })).toThrow(/defaultContactId/);
  });
});

describe('companies by email domain', () => {
  it('free-mail domains never become companies; a business domain is found or created', async () => {
    const existing = (
      await w.client.crm.companies.basicApi.create({ properties: { domain: 'acme.example', name: 'Acme' } })
    ).id;
    const [gmail, acme, fresh] = await match([
      { email: 'ann@gmail.com' },
      { email: 'bo@acme.example' },
      { email: 'cy@www.newco.example', company: 'NewCo Ltd' },
    ]);
    expect(gmail!.company).toEqual({
      id: null,
      outcome: 'none',
      rule: 'emailDomain',
      reason: 'free-mail domain gmail.com: no company',
    });
    expect(acme!.company).toEqual({
      id: existing,
      outcome: 'matched',
      rule: 'emailDomain',
      reason: `email domain acme.example matched company ${existing}`,
    });
    const companies = records(w.state, w.portal.id, 'companies').map((c) => [c.properties.domain, c.properties.name]);
    expect(companies).toEqual([
      ['acme.example', 'Acme'],
      ['newco.example', 'NewCo Ltd'],
    ]);
    expect(fresh!.company).toMatchObject({
      outcome: 'created',
      reason: 'created: no company with domain newco.example',
    });
  });

  it('creating companies can be turned off, and a portal can add its own free-mail domains', async () => {
    rules({ companies: { createIfMissing: false, extraFreeMailDomains: ['regional-mail.example'] } });
    const [a, b] = await match([{ email: 'ann@newco.example' }, { email: 'bo@regional-mail.example' }]);
    expect(a!.company.reason).toBe('no company with domain newco.example, and creating companies is off');
    expect(b!.company.reason).toBe('free-mail domain regional-mail.example: no company');
    expect(records(w.state, w.portal.id, 'companies')).toHaveLength(0);
  });
});
