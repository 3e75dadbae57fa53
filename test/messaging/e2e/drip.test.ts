import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeWorkflowAction } from '../../../sandbox/hubspot/caller/executeWorkflowAction.ts';
import { consent, contact, jobsSettled, syncDemoTemplates } from './support.ts';
import { startWhatsAppWorld, type WhatsAppWorld } from './whatsappWorld.ts';

/** The injected clock both the service's WhatsApp capability and the WhatsApp sandbox read. */
class Clock {
  constructor(public t: number) {}
  now = () => this.t;
  set(iso: string) {
    this.t = Date.parse(iso);
  }
}

// Europe/Berlin in March is UTC+1; business hours Mon–Fri 09:00–18:00 local (whatsappWorld.ts).
const FRIDAY_1730 = '2026-03-06T16:30:00Z';
const SATURDAY_1800 = '2026-03-07T17:00:00Z';
const MONDAY_0900 = '2026-03-09T08:00:00Z';
const TUESDAY_0905 = '2026-03-10T08:05:00Z';

let w: WhatsAppWorld;
let clock: Clock;
beforeEach(async () => {
  clock = new Clock(Date.parse(FRIDAY_1730));
  w = await startWhatsAppWorld({ now: clock.now, campaignSweepMs: 60 * 60_000 });
  await syncDemoTemplates(w);
});
afterEach(() => w.close());

/** One sweep at the clock's time, and everything it enqueued run to the end. */
async function tickAt(iso: string): Promise<void> {
  clock.set(iso);
  w.service.whatsapp.sweepCampaigns();
  await jobsSettled(w);
}

const sentTo = (phone: string) =>
  w.whatsapp.state.sent
    .filter((m) => `+${m.waId}` === phone && m.type === 'template')
    .map((m) => ({
      step: String(m.bizOpaqueCallbackData ?? ''),
      at: new Date(m.acceptedAt).toISOString(),
    }));

function threeStepDrip() {
  const step = (id: string) => ({ id, type: 'send_template' as const, template: 'order_update' });
  return w.service.whatsapp.stores.campaigns.create(
    w.portalId,
    'Three-step drip',
    {
      purpose: 'utility',
      stopOnReply: true,
      steps: [
        step('first'),
        { id: 'wait1', type: 'wait', days: 1 },
        step('second'),
        { id: 'wait2', type: 'wait', days: 1 },
        step('third'),
      ],
    },
    clock.now(),
  );
}

describe('a three-step drip campaign (injected clock), end to end', () => {
  it('sends in order, only inside business hours in the portal time zone', async () => {
    const anna = contact(w, 0);
    consent(w, anna.phone);
    const campaign = threeStepDrip();
    w.service.whatsapp.engine.enroll(campaign.id, anna.id, clock.now());

    await tickAt(FRIDAY_1730);
    expect(sentTo(anna.phone)).toHaveLength(1);
    await tickAt(SATURDAY_1800); // the wait is over, but it is the weekend
    expect(sentTo(anna.phone)).toHaveLength(1);
    await tickAt(MONDAY_0900);
    expect(sentTo(anna.phone)).toHaveLength(2);
    await tickAt(MONDAY_0900); // the same sweep again sends nothing twice
    expect(sentTo(anna.phone)).toHaveLength(2);
    await tickAt(TUESDAY_0905);
    const sends = sentTo(anna.phone);
    expect(sends.map((s) => s.at)).toEqual([
      new Date(FRIDAY_1730).toISOString(),
      new Date(MONDAY_0900).toISOString(),
      new Date(TUESDAY_0905).toISOString(),
    ]);
    const keys = w.service.db
      .prepare('SELECT idempotency_key AS k FROM whatsapp_messages WHERE campaign_id = ? ORDER BY id')
      .all(campaign.id) as { k: string }[];
    expect(keys.map((r) => r.k.split(':')[2])).toEqual(['first', 'second', 'third']);
    const enrollment = w.service.whatsapp.stores.enrollments.listByCampaign(campaign.id)[0]!;
    expect(enrollment.status).toBe('completed');
  });

  it('stops when the contact replies', async () => {
    const jonas = contact(w, 1);
    consent(w, jonas.phone);
    const campaign = threeStepDrip();
    w.service.whatsapp.engine.enroll(campaign.id, jonas.id, clock.now());
    await tickAt(FRIDAY_1730);
    expect(sentTo(jonas.phone)).toHaveLength(1);

    clock.set('2026-03-06T18:00:00Z');
    w.whatsapp.sendInbound({ from: jonas.phone, text: 'Thanks, got it' });
    await w.whatsapp.flush();
    await jobsSettled(w);

    await tickAt(MONDAY_0900);
    await tickAt(TUESDAY_0905);
    expect(sentTo(jonas.phone)).toHaveLength(1);
    const enrollment = w.service.whatsapp.stores.enrollments.listByCampaign(campaign.id)[0]!;
    expect(enrollment).toMatchObject({ status: 'stopped', stopReason: expect.stringMatching(/repl/) });
  });

  it('a workflow enrolls the contact through the Enroll in WhatsApp campaign action, once', async () => {
    const emma = contact(w, 4);
    consent(w, emma.phone);
    const campaign = threeStepDrip();
    const run = (callbackId: string, campaignName: string) =>
      executeWorkflowAction({
        actionUrl: `${w.url}/actions/enroll-whatsapp-campaign`,
        clientSecret: w.seeded.client.clientSecret,
        callbackId,
        portalId: w.portalId,
        object: { objectId: Number(emma.id), objectType: 'CONTACT' },
        inputFields: { campaignName },
      });
    const first = await run('cb-enroll-1', 'Three-step drip');
    expect(first.outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', status: 'enrolled' });
    const again = await run('cb-enroll-2', 'Three-step drip');
    expect(again.outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', status: 'already_active' });
    expect(again.outputFields?.enrollmentId).toBe(first.outputFields?.enrollmentId);
    const unknown = await run('cb-enroll-3', 'No such campaign');
    expect(unknown.outputFields).toMatchObject({ hs_execution_state: 'FAIL_CONTINUE' });
    expect(unknown.outputFields?.status).toMatch(/no campaign named/);

    await tickAt(FRIDAY_1730);
    expect(sentTo(emma.phone)).toHaveLength(1);
    expect(w.service.whatsapp.stores.enrollments.listByCampaign(campaign.id)).toHaveLength(1);
  });
});
