import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { session } from './support/factories.ts';
import { associationsOf, records } from './support/observe.ts';
import { type SessionWorld, startSessionWorld } from './support/sessionWorld.ts';

let w: SessionWorld;
let ann: string;
let acme: string;
beforeEach(async () => {
  w = await startSessionWorld();
  acme = (await w.client.crm.companies.basicApi.create({ properties: { domain: 'acme.example', name: 'Acme' } })).id;
  ann = (await w.client.crm.contacts.basicApi.create({ properties: { email: 'ann@acme.example' } })).id;
});
afterEach(() => w.close());

const on = (type: number, id: string) => [
  { to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: type }] },
];
const deal = async (name: string, stage: string, associations: ReturnType<typeof on>) =>
  (
    await w.client.crm.deals.basicApi.create({
      properties: { dealname: name, dealstage: stage, pipeline: 'default' },
      associations,
    })
  ).id;

const RECOMMENDING = session({
  participants: [{ email: 'ann@acme.example' }],
  summary: {
    ...session().summary,
    recommendedDealUpdate: { stage: 'Decision Maker Bought-In', nextStep: 'Send the order form' },
  },
});

async function syncRecommending() {
  w.sessions.store.ingest(w.portal.id, RECOMMENDING, 1);
  const outcome = await w.sessions.sync.syncSession(w.portal.id, 'sess-1');
  if (outcome.status !== 'synced') throw new Error(JSON.stringify(outcome));
  return outcome.result;
}

const dealProps = (id: string) => records(w.state, w.portal.id, 'deals').find((d) => d.id === id)!.properties;

describe('the recommended deal update', () => {
  it('moves the one open deal to the recommended stage (by label) and sets its next step, when the options allow', async () => {
    const open = await deal('Acme pilot', 'qualifiedtobuy', on(3, ann));
    w.sessions.options.set(w.portal.id, { allowDealStageUpdate: true });
    const result = await syncRecommending();
    expect(result.dealUpdate).toEqual({
      status: 'updated',
      dealId: open,
      properties: { dealstage: 'decisionmakerboughtin', hs_next_step: 'Send the order form' },
    });
    expect(dealProps(open)).toMatchObject({ dealstage: 'decisionmakerboughtin', hs_next_step: 'Send the order form' });
  });

  it('is skipped, with the reason, while the options do not allow it (the default)', async () => {
    const open = await deal('Acme pilot', 'qualifiedtobuy', on(3, ann));
    const result = await syncRecommending();
    expect(result.dealUpdate).toEqual({ status: 'skipped', reason: 'deal updates are turned off in the sync options' });
    expect(dealProps(open).dealstage).toBe('qualifiedtobuy');
  });

  it('is skipped when the conversation is about two open deals: no guessing', async () => {
    await deal('Acme pilot', 'qualifiedtobuy', on(3, ann));
    await deal('Acme expansion', 'appointmentscheduled', on(3, ann));
    w.sessions.options.set(w.portal.id, { allowDealStageUpdate: true });
    const result = await syncRecommending();
    expect(result.dealUpdate).toEqual({
      status: 'skipped',
      reason: '2 open deals on this conversation; not guessing which one',
    });
  });
});

describe('deal association mode', () => {
  it('by company domain: the meeting goes on the open deals of the participants’ companies', async () => {
    const companyDeal = await deal('Acme company deal', 'qualifiedtobuy', on(5, acme));
    const contactDeal = await deal('Ann personal deal', 'qualifiedtobuy', on(3, ann));
    w.sessions.options.set(w.portal.id, { dealAssociation: 'companyDomain' });
    const result = await syncRecommending();
    expect(result.dealIds).toEqual([companyDeal]);
    const links = associationsOf(w.state, w.portal.id, 'meetings', result.meetingId);
    expect(links).toContain(`deals:${companyDeal}:212`);
    expect(links).not.toContain(`deals:${contactDeal}:212`);
  });
});
