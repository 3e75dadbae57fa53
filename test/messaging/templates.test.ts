import { afterEach, describe, expect, it } from 'vitest';
import { addTemplate, setTemplateStatus } from '../../sandbox/whatsapp/index.ts';
import { syncTemplates } from '../../src/messaging/templateSync.ts';
import { metaProvider } from './messagingFixtures.ts';
import { type SandboxWorld, startSandboxWorld } from '../whatsapp/sandboxWorld.ts';
import { type MessagingDb, messagingDb, PORTAL } from './messagingFixtures.ts';

let world: SandboxWorld;
let w: MessagingDb;
afterEach(() => world?.close());

async function setUp() {
  w = messagingDb();
  world = await startSandboxWorld({ now: w.clock.now });
}

describe('templates: synced from the provider or registered by hand', () => {
  it('a first sync stores every translation with its category, status, body and parameter count', async () => {
    await setUp();
    expect(await syncTemplates(world.provider, w.templates, PORTAL, w.clock.now())).toEqual({
      ok: true,
      added: 5,
      updated: 0,
      deleted: 0,
      skipped: [],
    });
    expect(w.templates.list(PORTAL).map((t) => [t.name, t.language, t.category, t.status, t.parameterCount])).toEqual([
      ['order_update', 'en_US', 'UTILITY', 'APPROVED', 2],
      ['order_update', 'es', 'UTILITY', 'APPROVED', 2],
      ['payment_reminder', 'en_US', 'UTILITY', 'APPROVED', 3],
      ['spring_sale', 'en_US', 'MARKETING', 'PENDING', 2],
      ['welcome', 'en_US', 'MARKETING', 'APPROVED', 1],
    ]);
  });

  it('a later sync updates statuses, adds new ones, marks vanished ones DELETED and keeps mappings and manual templates', async () => {
    await setUp();
    await syncTemplates(world.provider, w.templates, PORTAL, w.clock.now());
    w.templates.setMapping(
      PORTAL,
      'welcome',
      'en_US',
      [{ position: 1, source: { from: 'static', text: 'Switchboard' } }],
      w.clock.now(),
    );
    w.templates.register(
      PORTAL,
      { name: 'atom_only', language: 'es', category: 'UTILITY', status: 'APPROVED', bodyText: 'Hola {{1}}' },
      w.clock.now(),
    );
    setTemplateStatus(world.sandbox.state, world.demo.wabaId, 'spring_sale', 'en_US', 'APPROVED');
    addTemplate(world.sandbox.state, world.demo.wabaId, {
      name: 'new_one',
      language: 'en_US',
      category: 'UTILITY',
      body: 'Hi',
    });
    const state = world.sandbox.state;
    state.templates.splice(
      state.templates.findIndex((t) => t.name === 'order_update' && t.language === 'es'),
      1,
    );

    const report = await syncTemplates(world.provider, w.templates, PORTAL, w.clock.now());
    expect(report).toEqual({ ok: true, added: 1, updated: 4, deleted: 1, skipped: [] });
    expect(w.templates.find(PORTAL, 'spring_sale', 'en_US')?.status).toBe('APPROVED');
    expect(w.templates.find(PORTAL, 'order_update', 'es')?.status).toBe('DELETED');
    expect(w.templates.find(PORTAL, 'welcome', 'en_US')?.mapping).toHaveLength(1);
    expect(w.templates.find(PORTAL, 'atom_only', 'es')?.status).toBe('APPROVED');
  });

  it('a sync with a rejected token changes nothing and says why', async () => {
    await setUp();
    const report = await syncTemplates(metaProvider(world.url, 'EAA-wrong'), w.templates, PORTAL, w.clock.now());
    expect(report).toMatchObject({ ok: false, failure: { reason: 'auth' } });
    expect(w.templates.list(PORTAL)).toEqual([]);
  });

  it.each([
    [
      'a body whose variable count differs from the declared one',
      () =>
        w.templates.register(
          PORTAL,
          {
            name: 'x',
            language: 'en',
            category: 'UTILITY',
            status: 'APPROVED',
            bodyText: 'Hi {{1}} {{2}}',
            parameterCount: 1,
          },
          0,
        ),
      /parameterCount 1 but the body has 2/,
    ],
    [
      'a mapping for a variable the template does not have',
      () =>
        w.templates.setMapping(PORTAL, 'welcome', 'en_US', [{ position: 2, source: { from: 'static', text: 'x' } }], 0),
      /\{\{2\}\} does not exist in welcome/,
    ],
    ['a mapping for an unknown template', () => w.templates.setMapping(PORTAL, 'nope', 'en_US', [], 0), /not known/],
    [
      'a mapping with a bad source',
      () =>
        w.templates.setMapping(
          PORTAL,
          'welcome',
          'en_US',
          [{ position: 1, source: { from: 'company', property: 'name' } }],
          0,
        ),
      /variable mapping/,
    ],
  ])('refused: %s', async (_case, act, message) => {
    await setUp();
    await syncTemplates(world.provider, w.templates, PORTAL, w.clock.now());
    expect(act).toThrow(message);
  });
});
