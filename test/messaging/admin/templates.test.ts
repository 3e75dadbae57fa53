import { afterEach, describe, expect, it } from 'vitest';
import { addTemplate, createWhatsAppSandbox, seedDemoWhatsApp } from '../../../sandbox/whatsapp/index.ts';
import { demoAccountBody, field, OTHER, PORTAL, rows, type WhatsAppAdminApp, whatsappAdminApp } from './adminApp.ts';

let closeSandbox: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeSandbox?.();
  closeSandbox = undefined;
});

/** The admin app with providers pointed at the WhatsApp sandbox (demo business seeded) over HTTP. */
async function withSandbox() {
  const sandbox = createWhatsAppSandbox({ autoDeliver: false });
  const demo = seedDemoWhatsApp(sandbox.state);
  const server = await sandbox.listen();
  closeSandbox = async () => {
    sandbox.close();
    await server.close();
  };
  return { w: whatsappAdminApp({ graphBaseUrl: server.url }), sandbox, demo };
}

/** The demo account saved and its templates synced. */
async function synced() {
  const world = await withSandbox();
  await world.w.op('PUT', `${world.w.base()}/account`, demoAccountBody());
  const sync = await world.w.op('POST', `${world.w.base()}/templates/sync`);
  if (sync.status !== 200) throw new Error(`sync: ${JSON.stringify(sync.body)}`);
  return world;
}

const mappingPath = (w: WhatsAppAdminApp, name: string, language = 'en_US') =>
  `${w.base()}/templates/${name}/${language}/mapping`;

describe('WhatsApp admin: template sync', () => {
  it('a first sync stores every template the provider lists and reports the counts', async () => {
    const { w, demo } = await withSandbox();
    await w.op('PUT', `${w.base()}/account`, demoAccountBody());
    const res = await w.op('POST', `${w.base()}/templates/sync`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ portalId: PORTAL, added: 5, updated: 0, deleted: 0, skipped: [], total: 5 });
    const list = await w.op('GET', `${w.base()}/templates`);
    expect(
      list.body.templates.map((t: Record<string, unknown>) => [
        t.name,
        t.language,
        t.category,
        t.status,
        t.parameterCount,
        t.source,
      ]),
    ).toEqual(demo.templates.map((t) => [t.name, t.language, t.category, t.status, t.parameters, 'synced']).sort());
    expect(list.body.templates.find((t: { name: string }) => t.name === 'payment_reminder')).toMatchObject({
      mapping: [],
      unmapped: [1, 2, 3],
    });
  });

  it('a second sync updates what is there and adds what is new', async () => {
    const { w, sandbox, demo } = await synced();
    addTemplate(sandbox.state, demo.wabaId, { name: 'new_one', language: 'en_US', category: 'UTILITY', body: 'Hi' });
    const res = await w.op('POST', `${w.base()}/templates/sync`);
    expect(res.body).toMatchObject({ added: 1, updated: 5, deleted: 0, total: 6 });
  });

  it('before WhatsApp is connected, a sync is refused with 409 saying what to do', async () => {
    const { w } = await withSandbox();
    const res = await w.op('POST', `${w.base()}/templates/sync`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/WhatsApp is not connected for portal 101: add the business account/);
  });

  it('a token Meta rejects makes the sync fail with 409 and change nothing; a new token is used at once', async () => {
    const { w } = await withSandbox();
    await w.op('PUT', `${w.base()}/account`, demoAccountBody({ accessToken: 'EAA-not-the-right-token' }));
    const failed = await w.op('POST', `${w.base()}/templates/sync`);
    expect(failed.status).toBe(409);
    expect(failed.body.error).toMatchObject({ code: 'needs_reauthorization', details: { reason: 'auth' } });
    expect(failed.body.error.message).toMatch(/Save a new access token/);
    expect(rows(w, 'whatsapp_templates')).toEqual([]);

    await w.op('PUT', `${w.base()}/account`, demoAccountBody());
    expect((await w.op('POST', `${w.base()}/templates/sync`)).body).toMatchObject({ added: 5 });
  });
});

describe('WhatsApp admin: templates registered by hand', () => {
  const manual = { name: 'atom_hello', language: 'es', category: 'UTILITY', bodyText: 'Hola {{1}}, gracias {{2}}' };

  it('registering is idempotent: 201 the first time, 200 after, one template with the counted parameters', async () => {
    const w = whatsappAdminApp();
    const first = await w.op('POST', `${w.base()}/templates`, manual);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      created: true,
      template: { ...manual, status: 'APPROVED', source: 'manual', parameterCount: 2, unmapped: [1, 2] },
    });
    const again = await w.op('POST', `${w.base()}/templates`, manual);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect((await w.op('GET', `${w.base()}/templates`)).body.templates).toHaveLength(1);
  });

  it.each([
    ['a parameter count the body does not have', { ...manual, parameterCount: 3 }, 'body.parameterCount'],
    ['a name Meta would not accept', { ...manual, name: 'Hello World' }, 'body.name'],
    ['an unknown category', { ...manual, category: 'PROMO' }, 'body.category'],
    ['no body', { ...manual, bodyText: '' }, 'body.bodyText'],
  ])('%s is refused with 400 naming the field, nothing stored', async (_case, body, fieldName) => {
    const w = whatsappAdminApp();
    const res = await w.op('POST', `${w.base()}/templates`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`${fieldName}:`);
    expect(rows(w, 'whatsapp_templates')).toEqual([]);
  });

  it('a template the provider sync owns cannot be replaced by hand', async () => {
    const { w } = await synced();
    const res = await w.op('POST', `${w.base()}/templates`, {
      name: 'welcome',
      language: 'en_US',
      category: 'MARKETING',
      bodyText: 'Hijacked',
    });
    expect(res.status).toBe(409);
    expect(
      (await w.op('GET', `${w.base()}/templates`)).body.templates.find((t: { name: string }) => t.name === 'welcome'),
    ).toMatchObject({ source: 'synced', parameterCount: 1 });
  });
});

describe('WhatsApp admin: variable mappings', () => {
  function withFields(w: WhatsAppAdminApp) {
    w.fieldsRepo.replace(PORTAL, [
      field('contacts', 'firstname'),
      field('contacts', 'next_payment_date', 'date'),
      field('deals', 'amount', 'number'),
      field('deals', 'dealname'),
    ]);
  }

  it('a mapping to contact and deal properties is saved; unmapped positions and odd formats come back as warnings', async () => {
    const { w } = await synced();
    withFields(w);
    const mapping = [
      { position: 1, source: { from: 'contact', property: 'firstname' }, fallback: 'there' },
      { position: 2, source: { from: 'deal', property: 'dealname' }, format: { kind: 'money', currency: 'EUR' } },
    ];
    const res = await w.op('PUT', mappingPath(w, 'payment_reminder'), { mapping });
    expect(res.status).toBe(200);
    expect(res.body.template).toMatchObject({ name: 'payment_reminder', mapping, unmapped: [3] });
    expect(res.body.warnings).toEqual([
      {
        field: 'body.mapping.1.format',
        message: 'deal property "dealname" holds string values; a money format needs number',
      },
      {
        field: 'body.mapping',
        message: '{{3}} is not mapped: reps must type it, and workflows and campaigns cannot send payment_reminder',
      },
    ]);
    const listed = (await w.op('GET', `${w.base()}/templates`)).body.templates;
    expect(listed.find((t: { name: string }) => t.name === 'payment_reminder').mapping).toEqual(mapping);
  });

  it.each([
    [
      'a position the template does not have',
      [{ position: 2, source: { from: 'static', text: 'x' } }],
      'body.mapping.0.position: {{2}} does not exist in welcome (it has 1 variables)',
    ],
    [
      'a property the portal does not have, without fallback',
      [{ position: 1, source: { from: 'contact', property: 'first_name' } }],
      'body.mapping.0.source.property: contact property "first_name" does not exist in this portal',
    ],
    [
      'a company property (only contact, deal or static text)',
      [{ position: 1, source: { from: 'company', property: 'name' } }],
      'body.mapping.0.source.from',
    ],
    [
      'the same position twice',
      [1, 1].map((position) => ({ position, source: { from: 'static', text: 'x' } })),
      'body.mapping: each position is mapped once',
    ],
  ])('%s is refused with 400 naming the field; the saved mapping stays', async (_case, mapping, message) => {
    const { w } = await synced();
    withFields(w);
    const saved = [{ position: 1, source: { from: 'static', text: 'Switchboard' } }];
    await w.op('PUT', mappingPath(w, 'welcome'), { mapping: saved });
    const res = await w.op('PUT', mappingPath(w, 'welcome'), { mapping });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(w.templates.find(PORTAL, 'welcome', 'en_US')?.mapping).toEqual(saved);
  });

  it('a missing property with a fallback is saved with a warning: the fallback will always show', async () => {
    const { w } = await synced();
    withFields(w);
    const mapping = [{ position: 1, source: { from: 'contact', property: 'nickname' }, fallback: 'friend' }];
    const res = await w.op('PUT', mappingPath(w, 'welcome'), { mapping });
    expect(res.status).toBe(200);
    expect(res.body.warnings).toEqual([
      {
        field: 'body.mapping.0.source.property',
        message: 'contact property "nickname" does not exist: {{1}} will always show the fallback',
      },
    ]);
  });

  it('with no fields discovered yet, discovery runs once and unchecked properties are saved with a warning', async () => {
    const { w } = await synced();
    const mapping = [{ position: 1, source: { from: 'contact', property: 'firstname' } }];
    const res = await w.op('PUT', mappingPath(w, 'welcome'), { mapping });
    expect(res.status).toBe(200);
    expect(w.refreshes).toEqual([PORTAL]);
    expect(res.body.warnings[0].message).toBe(
      'contact property "firstname" was not checked: no contact properties are discovered yet',
    );
  });

  it('a template that is not known (here: it belongs to another portal) answers 404', async () => {
    const w = whatsappAdminApp();
    await w.op('POST', `${w.base(OTHER)}/templates`, {
      name: 'theirs',
      language: 'en_US',
      category: 'UTILITY',
      bodyText: 'Hi {{1}}',
    });
    const res = await w.op('PUT', mappingPath(w, 'theirs'), {
      mapping: [{ position: 1, source: { from: 'static', text: 'x' } }],
    });
    expect(res.status).toBe(404);
    expect(w.templates.find(OTHER, 'theirs', 'en_US')?.mapping).toEqual([]);
    expect((await w.op('GET', `${w.base()}/templates`)).body.templates).toEqual([]);
  });
});
