import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advanceClock, readCallLog } from '../../sandbox/hubspot/controlPlane.ts';
import { createPortal } from '../../sandbox/hubspot/portals.ts';
import { loadAppScopes } from '../../src/connections/appScopes.ts';
import { APP_META_PATH } from '../../server/composeConnections.ts';
import { type ConnectionWorld, startConnectionWorld } from './support/connectionWorld.ts';
import { decide, followCallback, installOverHttp, startInstall } from './support/installFlow.ts';

let w: ConnectionWorld;
beforeEach(async () => {
  w = await startConnectionWorld();
});
afterEach(() => w.close());

const PORTAL = 62515;
const installationRows = () => w.db.prepare('SELECT * FROM installations ORDER BY portal_id').all();
const tokenRows = () => w.db.prepare('SELECT * FROM connection_tokens ORDER BY portal_id, kind').all();
const tokenExchanges = () => readCallLog(w.sandbox.state, { method: 'POST', pathPrefix: '/oauth/v1/token' }).length;

describe('the install link', () => {
  it('redirects to HubSpot with the scopes of app-hsmeta.json, our callback and a state', async () => {
    const url = await startInstall(w.url);
    const scopes = loadAppScopes(APP_META_PATH);
    expect(`${url.origin}${url.pathname}`).toBe(`${w.sandboxUrl}/oauth/authorize`);
    expect(url.searchParams.get('client_id')).toBe(w.seeded.client.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(`${w.url}/oauth/callback`);
    expect(url.searchParams.get('scope')?.split(' ')).toEqual(scopes.required);
    expect(url.searchParams.get('optional_scope')?.split(' ')).toEqual(scopes.optional);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});

describe('installing from the marketplace, end to end over HTTP', () => {
  it('creates an active installation with sealed tokens and a page saying what happened and what to do next', async () => {
    const { status, page } = await installOverHttp(w.url, PORTAL);
    expect(status).toBe(200);
    expect(page).toContain('Switchboard is installed');
    expect(page).toContain('acme-distribution.example.com (portal 62515)');
    expect(page).toMatch(/Customize record/);
    expect(page).toMatch(/Settings/);
    expect(page).toMatch(/contact \(2 custom\)/);
    const inst = w.services.installations.find(PORTAL)!;
    expect(inst).toMatchObject({ authKind: 'oauth', status: 'active', hubDomain: 'acme-distribution.example.com' });
    expect(inst.scopes).toEqual(expect.arrayContaining(['crm.objects.contacts.write', 'timeline']));
    expect(inst.installedBy).toBe('alice.rep@acme-distribution.example.com');
    const rows = tokenRows() as { kind: string; ciphertext: string }[];
    expect(rows.map((r) => r.kind)).toEqual(['access', 'refresh']);
    for (const r of rows) expect(r.ciphertext).toMatch(/^v1\.test\./);
    expect(w.services.tokens.read(PORTAL, 'access')?.token.reveal()).toMatch(/^CJ/);
  });

  it('when the callback is replayed with the same code and state, it is refused and nothing changes', async () => {
    const { callbackUrl } = await installOverHttp(w.url, PORTAL);
    const before = { installations: installationRows(), tokens: tokenRows(), exchanges: tokenExchanges() };
    const replay = await followCallback(callbackUrl);
    expect(replay.status).toBe(400);
    expect(replay.page).toContain('already used');
    expect(replay.page).toContain('Nothing was stored');
    expect({ installations: installationRows(), tokens: tokenRows(), exchanges: tokenExchanges() }).toEqual(before);
  });

  it('when the state is forged (or missing), nothing is exchanged and nothing is stored', async () => {
    const callbackUrl = await decide(await startInstall(w.url), 'approve', PORTAL);
    const [nonce, exp] = callbackUrl.searchParams.get('state')!.split('.');
    for (const state of [`${nonce}.${exp}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, '', 'not-a-state']) {
      const forged = new URL(callbackUrl);
      forged.searchParams.set('state', state);
      const res = await followCallback(forged);
      expect(res.status).toBe(400);
      expect(res.page).toMatch(/not issued by Switchboard|missing its security token/);
    }
    expect(installationRows()).toEqual([]);
    expect(tokenExchanges()).toBe(0);
  });

  it('when the state expired (10 minutes), the install is refused and nothing is stored', async () => {
    const callbackUrl = await decide(await startInstall(w.url), 'approve', PORTAL);
    w.clock.advance(10 * 60_000 + 1);
    const res = await followCallback(callbackUrl);
    expect(res.status).toBe(400);
    expect(res.page).toContain('expired');
    expect(installationRows()).toEqual([]);
  });

  it('when HubSpot says the code expired, the page says so and nothing is stored', async () => {
    const callbackUrl = await decide(await startInstall(w.url), 'approve', PORTAL);
    advanceClock(w.sandbox.state, 11 * 60_000); // HubSpot's codes live 10 minutes; our state is still fresh
    const res = await followCallback(callbackUrl);
    expect(res.status).toBe(400);
    expect(res.page).toContain('refused the authorization code');
    expect(installationRows()).toEqual([]);
    expect(tokenRows()).toEqual([]);
  });

  it('when the user denies consent, the page says the installation was cancelled and nothing is stored', async () => {
    const { status, page } = await installOverHttp(w.url, PORTAL, 'deny');
    expect(status).toBe(200);
    expect(page).toContain('Installation cancelled');
    expect(page).toContain('Nothing was stored');
    expect(installationRows()).toEqual([]);
    expect(tokenExchanges()).toBe(0);
  });

  it('an error HubSpot reports is shown escaped, never as markup', async () => {
    const state = (await startInstall(w.url)).searchParams.get('state')!;
    const callback = new URL(`${w.url}/oauth/callback`);
    callback.searchParams.set('state', state);
    callback.searchParams.set('error', 'server_error');
    callback.searchParams.set('error_description', '<script>alert("x")</script>');
    const res = await followCallback(callback);
    expect(res.status).toBe(400);
    expect(res.page).not.toContain('<script>');
    expect(res.page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(installationRows()).toEqual([]);
  });

  it('when the app is installed again, the installation is updated in place with new tokens', async () => {
    await installOverHttp(w.url, PORTAL);
    const first = w.services.installations.find(PORTAL)!;
    const firstRefresh = w.services.tokens.read(PORTAL, 'refresh')!.token.reveal();
    w.clock.advance(60_000);
    const again = await installOverHttp(w.url, PORTAL);
    expect(again.page).toContain('Switchboard was reinstalled');
    expect(installationRows()).toHaveLength(1);
    const second = w.services.installations.find(PORTAL)!;
    expect(second.installedAt).toBe(first.installedAt);
    expect(second.updatedAt > first.updatedAt).toBe(true);
    expect(w.services.tokens.read(PORTAL, 'refresh')!.token.reveal()).not.toBe(firstRefresh);
    expect(tokenRows()).toHaveLength(2);
  });

  it('two portals install independently, each with its own tokens', async () => {
    createPortal(w.sandbox.state, { id: 70001, name: 'Second Co', domain: 'second.example.com' });
    await installOverHttp(w.url, PORTAL);
    await installOverHttp(w.url, 70001);
    expect(w.services.installations.list().map((i) => i.portalId)).toEqual([PORTAL, 70001]);
    expect(w.services.tokens.read(70001, 'access')!.token.reveal()).not.toBe(
      w.services.tokens.read(PORTAL, 'access')!.token.reveal(),
    );
  });
});
