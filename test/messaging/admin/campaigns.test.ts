import { describe, expect, it } from 'vitest';
import { OTHER, rows, type WhatsAppAdminApp, whatsappAdminApp } from './adminApp.ts';

/** A portal with two registered templates: welcome (approved, 1 variable) and promo (pending). */
async function withTemplates() {
  const w = whatsappAdminApp();
  const register = (body: object) => w.op('POST', `${w.base()}/templates`, { language: 'en_US', ...body });
  await register({ name: 'welcome', category: 'MARKETING', bodyText: 'Welcome {{1}}' });
  await register({ name: 'promo', category: 'MARKETING', status: 'PENDING', bodyText: 'Sale!' });
  return w;
}

const DRIP = {
  steps: [
    { id: 'hello', type: 'send_template', template: 'welcome' },
    { id: 'pause', type: 'wait', days: 2 },
    { id: 'offer', type: 'send_template', template: 'welcome', language: 'en_US' },
  ],
};

async function createDrip(w: WhatsAppAdminApp, name = 'Spring drip', definition: object = DRIP) {
  const res = await w.op('POST', `${w.base()}/campaigns`, { name, definition });
  if (res.status !== 201) throw new Error(`create: ${JSON.stringify(res.body)}`);
  return res.body.campaign as { id: number };
}

describe('WhatsApp admin: creating campaigns', () => {
  it('a valid campaign is stored active, with defaults filled in and no enrollments yet', async () => {
    const w = await withTemplates();
    const res = await w.op('POST', `${w.base()}/campaigns`, { name: 'Spring drip', definition: DRIP });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      warnings: [],
      campaign: {
        name: 'Spring drip',
        status: 'active',
        definition: { purpose: 'marketing', stopOnReply: true, steps: DRIP.steps },
        enrollments: { active: 0, completed: 0, stopped: 0 },
      },
    });
    expect((await w.op('GET', `${w.base()}/campaigns`)).body.campaigns).toEqual([res.body.campaign]);
    expect((await w.op('GET', `${w.base()}/campaigns/${res.body.campaign.id}`)).body).toEqual(res.body.campaign);
  });

  it('a step sending a template still waiting for approval is accepted with a warning', async () => {
    const w = await withTemplates();
    const definition = { steps: [{ id: 'a', type: 'send_template', template: 'promo' }] };
    const res = await w.op('POST', `${w.base()}/campaigns`, { name: 'Promo', definition });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([
      {
        field: 'body.definition.steps.0.template',
        message: 'template promo (en_US) is PENDING: sends wait for approval',
      },
    ]);
  });

  it.each([
    ['a wait of zero days', { steps: [{ id: 'w', type: 'wait', days: 0 }] }, 'body.definition.steps.0.days:'],
    ['an unknown step type', { steps: [{ id: 'x', type: 'sms' }] }, 'body.definition.steps.0.type:'],
    ['no steps', { steps: [] }, 'body.definition.steps:'],
    [
      'a jump to a step that does not exist',
      { steps: [{ id: 'a', type: 'wait', days: 1, next: 'nowhere' }] },
      'body.definition: no step nowhere',
    ],
    [
      'a template the portal does not have',
      { steps: [{ id: 'a', type: 'send_template', template: 'welcome', language: 'es' }] },
      'body.definition.steps.0.template: template welcome (es) is not known: sync or register it first',
    ],
  ])('%s is refused with 400 naming the field, and no campaign is stored', async (_case, definition, message) => {
    const w = await withTemplates();
    const res = await w.op('POST', `${w.base()}/campaigns`, { name: 'Broken', definition });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(rows(w, 'whatsapp_campaigns')).toEqual([]);
  });

  it('a second campaign with the same name is refused with 409', async () => {
    const w = await withTemplates();
    await createDrip(w);
    const res = await w.op('POST', `${w.base()}/campaigns`, { name: 'Spring drip', definition: DRIP });
    expect(res.status).toBe(409);
    expect(rows(w, 'whatsapp_campaigns')).toHaveLength(1);
  });

  it('another portal neither lists nor opens nor changes the campaign', async () => {
    const w = await withTemplates();
    const { id } = await createDrip(w);
    expect((await w.op('GET', `${w.base(OTHER)}/campaigns`)).body.campaigns).toEqual([]);
    for (const [method, path, body] of [
      ['GET', `${w.base(OTHER)}/campaigns/${id}`, undefined],
      ['PATCH', `${w.base(OTHER)}/campaigns/${id}`, { status: 'paused' }],
      ['POST', `${w.base(OTHER)}/campaigns/${id}/enrollments`, { contactIds: ['501'] }],
      ['GET', `${w.base(OTHER)}/campaigns/${id}/enrollments`, undefined],
    ] as const) {
      const res = await w.op(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.message).toBe(`campaign ${id} does not exist in portal ${OTHER}`);
    }
    expect(w.campaigns.find(id)?.status).toBe('active');
    expect(rows(w, 'whatsapp_enrollments')).toEqual([]);
  });
});

describe('WhatsApp admin: campaign status', () => {
  it('a campaign can be paused and resumed; archiving is final', async () => {
    const w = await withTemplates();
    const { id } = await createDrip(w);
    const path = `${w.base()}/campaigns/${id}`;
    expect((await w.op('PATCH', path, { status: 'paused' })).body.status).toBe('paused');
    expect((await w.op('PATCH', path, { status: 'active' })).body.status).toBe('active');
    expect((await w.op('PATCH', path, { status: 'archived' })).body.status).toBe('archived');
    expect((await w.op('PATCH', path, { status: 'archived' })).status).toBe(200);
    const reopen = await w.op('PATCH', path, { status: 'active' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.message).toBe(`campaign ${id} is archived: archived campaigns cannot be reopened`);
    expect(w.campaigns.find(id)?.status).toBe('archived');
  });

  it.each([
    ['an unknown status', { status: 'running' }],
    ['no status', {}],
  ])('%s is refused with 400 naming body.status', async (_case, body) => {
    const w = await withTemplates();
    const { id } = await createDrip(w);
    const res = await w.op('PATCH', `${w.base()}/campaigns/${id}`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('body.status:');
    expect(w.campaigns.find(id)?.status).toBe('active');
  });
});

describe('WhatsApp admin: enrollments', () => {
  it('enrolling is idempotent per contact: a repeat reports the contact as already enrolled', async () => {
    const w = await withTemplates();
    const { id } = await createDrip(w);
    const path = `${w.base()}/campaigns/${id}/enrollments`;
    const first = await w.op('POST', path, { contactIds: ['501', '502', '501'] });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ campaignId: id, enrolled: ['501', '502'], already: [] });
    const again = await w.op('POST', path, { contactIds: ['502', '503'] });
    expect(again.body).toEqual({ campaignId: id, enrolled: ['503'], already: ['502'] });
    expect(rows(w, 'whatsapp_enrollments')).toHaveLength(3);
    expect((await w.op('GET', `${w.base()}/campaigns/${id}`)).body.enrollments).toEqual({
      active: 3,
      completed: 0,
      stopped: 0,
    });
  });

  it.each([
    ['an id that is not a HubSpot record id', { contactIds: ['501', 'ada@example.com'] }, 'body.contactIds.1:'],
    ['an empty list', { contactIds: [] }, 'body.contactIds:'],
  ])('%s is refused with 400 naming the field, and nobody is enrolled', async (_case, body, fieldName) => {
    const w = await withTemplates();
    const { id } = await createDrip(w);
    const res = await w.op('POST', `${w.base()}/campaigns/${id}/enrollments`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(fieldName);
    expect(rows(w, 'whatsapp_enrollments')).toEqual([]);
  });

  it('an archived campaign takes no new contacts', async () => {
    const w = await withTemplates();
    const { id } = await createDrip(w);
    await w.op('PATCH', `${w.base()}/campaigns/${id}`, { status: 'archived' });
    const res = await w.op('POST', `${w.base()}/campaigns/${id}/enrollments`, { contactIds: ['501'] });
    expect(res.status).toBe(409);
    expect(rows(w, 'whatsapp_enrollments')).toEqual([]);
  });

  it('enrollments are listed page by page, in order, with a status filter', async () => {
    const w = await withTemplates();
    const { id } = await createDrip(w);
    const path = `${w.base()}/campaigns/${id}/enrollments`;
    await w.op('POST', path, { contactIds: ['1', '2', '3', '4', '5'] });
    const third = w.enrollments.listByCampaign(id).find((e) => e.contactId === '3')!;
    w.enrollments.saveAdvance(third, { ...third, status: 'stopped', stopReason: 'replied', nextRunAt: null }, 1);

    const seen: string[] = [];
    let cursor: number | null = null;
    do {
      const page: { body: { enrollments: { contactId: string }[]; nextAfterId: number | null } } = await w.op(
        'GET',
        `${path}?limit=2${cursor === null ? '' : `&afterId=${cursor}`}`,
      );
      seen.push(...page.body.enrollments.map((e) => e.contactId));
      cursor = page.body.nextAfterId;
    } while (cursor !== null);
    expect(seen).toEqual(['1', '2', '3', '4', '5']);

    const stopped = await w.op('GET', `${path}?status=stopped`);
    expect(stopped.body.enrollments).toEqual([
      expect.objectContaining({ contactId: '3', status: 'stopped', stopReason: 'replied', nextRunAt: null }),
    ]);
    expect(stopped.body.nextAfterId).toBeNull();
    expect((await w.op('GET', `${path}?limit=500`)).status).toBe(400);
  });

  it('a campaign id that is not a number answers 400', async () => {
    const w = whatsappAdminApp();
    const res = await w.op('GET', `${w.base()}/campaigns/abc`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('params.campaignId:');
  });
});
