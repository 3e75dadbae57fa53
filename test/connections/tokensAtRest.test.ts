import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPortal, issuePrivateAppToken } from '../../sandbox/hubspot/portals.ts';
import { adminClient } from './support/adminClient.ts';
import { ADMIN_TOKEN, type ConnectionWorld, startConnectionWorld } from './support/connectionWorld.ts';
import { installOverHttp } from './support/installFlow.ts';

const OAUTH_PORTAL = 62515;
const PRIVATE_PORTAL = 70005;
let w: ConnectionWorld;
let pat: string;

beforeEach(async () => {
  w = await startConnectionWorld();
  await installOverHttp(w.url, OAUTH_PORTAL);
  createPortal(w.sandbox.state, { id: PRIVATE_PORTAL });
  pat = issuePrivateAppToken(w.sandbox.state, PRIVATE_PORTAL, ['crm.objects.contacts.read']);
  const res = await adminClient(w.url, { bearer: ADMIN_TOKEN })('POST', '/admin/connections', {
    name: 'Prod',
    token: pat,
  });
  expect(res.status).toBe(201);
  await w.services.credentials.refreshNow(OAUTH_PORTAL); // a refreshed access token is written too
});
afterEach(() => w.close());

/** Every token HubSpot (the sandbox) ever issued to our two portals. */
function issuedTokens(): string[] {
  const mine = (portalId: number) => portalId === OAUTH_PORTAL || portalId === PRIVATE_PORTAL;
  const access = [...w.sandbox.state.accessTokens.values()].filter((t) => mine(t.portalId)).map((t) => t.token);
  const refresh = [...w.sandbox.state.refreshTokens.values()].filter((t) => mine(t.portalId)).map((t) => t.token);
  return [...access, ...refresh];
}

/** The database as it sits on disk: the main file, the write-ahead log and the shared-memory index. */
function databaseBytes(): Buffer[] {
  return [w.dbPath, `${w.dbPath}-wal`, `${w.dbPath}-shm`].filter(existsSync).map((p) => readFileSync(p));
}

describe('tokens at rest', () => {
  it('the database files contain no plaintext access, refresh or private-app token', () => {
    const tokens = issuedTokens();
    expect(tokens).toContain(pat);
    expect(tokens.length).toBeGreaterThanOrEqual(4); // 2 OAuth access + 1 refresh + the pat
    const files = databaseBytes();
    // The search itself works on these bytes: data we do store in clear is found.
    expect(files.some((b) => b.includes('acme-distribution.example.com'))).toBe(true);
    for (const token of tokens) {
      for (const bytes of files) expect(bytes.includes(token), 'a token is stored in clear').toBe(false);
    }
  });

  it('the same holds after SQLite checkpoints the WAL into the main file', () => {
    w.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = databaseBytes();
    for (const token of issuedTokens()) for (const bytes of files) expect(bytes.includes(token)).toBe(false);
  });

  it('no token appears in the logs or in any admin API answer', async () => {
    const admin = adminClient(w.url, { bearer: ADMIN_TOKEN });
    const answers = [
      await admin('GET', '/admin/connections'),
      await admin('POST', `/admin/portals/${OAUTH_PORTAL}/test`),
      await admin('POST', `/admin/portals/${PRIVATE_PORTAL}/test`),
    ];
    const seen = JSON.stringify(answers) + w.logs.join('\n');
    for (const token of issuedTokens()) expect(seen.includes(token)).toBe(false);
  });
});
