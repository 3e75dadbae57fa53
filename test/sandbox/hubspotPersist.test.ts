import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadState, saveState } from '../../sandbox/hubspot/persist.ts';
import { seedDemoPortal } from '../../sandbox/hubspot/seed.ts';
import { type PlatformWorld, SCHEMA_SCOPES, startPlatformWorld } from './support/platformWorld.ts';

const worlds: PlatformWorld[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((w) => w.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function world() {
  const w = await startPlatformWorld();
  worlds.push(w);
  return w;
}

describe('saving and loading the sandbox', () => {
  it('when a seeded sandbox is saved and loaded into a fresh one, tokens, schema and records survive', async () => {
    const first = await world();
    const seeded = seedDemoPortal(first.state);
    const token = first.privateToken(seeded.portal.id, [...SCHEMA_SCOPES, 'crm.objects.deals.read']);
    const dir = mkdtempSync(join(tmpdir(), 'hs-sandbox-'));
    dirs.push(dir);
    const file = join(dir, 'state.json');
    saveState(first.state, file);

    const second = await world();
    expect(loadState(second.state, file)).toBe(true);
    const sdk = second.sdk(token);
    const language = await sdk.crm.properties.coreApi.getByName('contacts', 'preferred_language');
    expect(language.options.map((o) => o.value)).toEqual(['en', 'de', 'es', 'pt']);
    const deals = await sdk.crm.deals.basicApi.getPage(100, undefined, ['dealstage']);
    expect(deals.results.map((d) => d.properties.dealstage).sort()).toEqual([
      'appointmentscheduled',
      'closedlost',
      'closedwon',
      'contractsent',
      'qualifiedtobuy',
    ]);
    expect(second.state.accessTokens.get(token)?.expiresAt).toBe(Number.POSITIVE_INFINITY);
    expect(second.state.clients.get(seeded.client.clientId)?.appId).toBe(54321);
  });

  it('when the file does not exist, loading reports false and leaves the state alone', async () => {
    const w = await world();
    w.portal();
    expect(loadState(w.state, join(tmpdir(), 'does-not-exist-hs-sandbox.json'))).toBe(false);
    expect(w.state.portals.size).toBe(1);
  });
});

describe('demo seed', () => {
  it('when the demo portal is seeded, deals sit in several stages with contacts and companies associated', async () => {
    const w = await world();
    const seeded = seedDemoPortal(w.state);
    expect(Object.keys(seeded.dealIds)).toHaveLength(5);
    expect(seeded.portal.owners).toHaveLength(3);
    const won = seeded.portal.objects.get('deals')?.get(seeded.dealIds.closedwon!);
    expect(won?.properties).toMatchObject({
      dealstage: 'closedwon',
      pipeline: 'default',
      hs_object_id: seeded.dealIds.closedwon,
    });
    const dealLinks = seeded.portal.associations.filter(
      (a) => a.fromType === 'deals' && a.fromId === seeded.dealIds.closedwon,
    );
    expect(dealLinks.map((a) => a.toType).sort()).toEqual(['companies', 'contacts']);
  });
});
