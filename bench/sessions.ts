/**
 * Conversation sessions into HubSpot at volume: `npx tsx bench/sessions.ts [sessions] [batch]`.
 * 1,000 sessions × 3 participants × 2 action items against the HubSpot sandbox as a marketplace OAuth install
 * (110 requests / 10 s, search 5 / s, enforced), with search lag on. Prints HubSpot calls per session and sessions
 * per minute, for batched syncs (hourly/daily frequency) and for one-at-a-time syncs (realtime). Numbers, not
 * pass/fail. Pacing: a simple per-portal pacer (bench/pacer.ts) in front of a plain SDK client, because the
 * gateway (issue 4) is being built concurrently; its RateBudget still let 429s through here (see the report).
 */
import { Client } from '@hubspot/api-client';
import type { HubspotCall } from '../src/hubspot/hubspotCall.ts';
import { createSessions, type Sessions } from '../src/sessions/index.ts';
import { installApp, readCallLog, setSearchLag } from '../sandbox/hubspot/controlPlane.ts';
import { addOwner, createPortal, issuePrivateAppToken, registerOAuthClient } from '../sandbox/hubspot/portals.ts';
import { createHubspotSandbox } from '../sandbox/hubspot/server.ts';
import { APP_SCOPES, provisionProperties, sessionsDb } from '../test/sessions/support/sessionWorld.ts';
import { oauthPacer } from './pacer.ts';
import { benchSession, seedPortal } from './sessionsData.ts';

const SESSIONS = Number(process.argv[2] ?? 1_000);
const BATCH = Number(process.argv[3] ?? 100);
const REALTIME_SAMPLE = 50;

const sandbox = createHubspotSandbox({ enforceRateLimits: true });
const server = await sandbox.listen();
const portal = createPortal(sandbox.state, { id: 99_001 });
const owners = ['rep.one@switchboard.example', 'rep.two@switchboard.example'].map(
  (email) => addOwner(portal, { email }).id,
);
const oauth = registerOAuthClient(sandbox.state, {
  clientId: 'bench',
  clientSecret: 's',
  appId: 1,
  redirectUrls: ['https://x.example/cb'],
});
const { access_token: accessToken } = installApp(sandbox.state, {
  clientId: oauth.clientId,
  portalId: portal.id,
  scopes: ['oauth', ...APP_SCOPES],
});

// Arrange with a private app (its own burst limit): the Switchboard properties, existing contacts, companies, deals.
const admin = new Client({
  accessToken: issuePrivateAppToken(sandbox.state, portal.id, APP_SCOPES),
  basePath: server.url,
  numberOfApiCallRetries: 3,
});
await provisionProperties(admin);
const seeded = await seedPortal(admin);
setSearchLag(sandbox.state, 3_000); // HubSpot: "a few moments" (reference §3)

const pace = oauthPacer();
let rateLimited = 0;
/** One request per call, paced; a 429 (there should be none) is counted and the call goes again, at most 3 times. */
const hubspot: HubspotCall = async (_portalId, opts, fn) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pace(opts.kind ?? 'general', () =>
        fn(new Client({ accessToken, basePath: server.url, numberOfApiCallRetries: 0 })),
      );
    } catch (err) {
      if ((err as { code?: number }).code !== 429 || attempt === 3) throw err;
      rateLimited += 1;
    }
  }
};

const oauthCalls = (since: number) =>
  readCallLog(sandbox.state, { portalId: portal.id, since }).filter((c) => c.authKind === 'oauth');

async function run(label: string, sessions: Sessions, ids: string[], sync: (ids: string[]) => Promise<unknown>) {
  const since = Date.now();
  const started = performance.now();
  await sync(ids);
  const minutes = (performance.now() - started) / 60_000;
  const calls = oauthCalls(since);
  const failed = ids.filter((id) => sessions.store.get(portal.id, id)?.status !== 'synced');
  const reasons = new Set(failed.map((id) => sessions.store.get(portal.id, id)?.statusReason));
  if (reasons.size > 0) console.log(`  failure reasons: ${[...reasons].join(' | ')}`);
  console.log(`\n${label}: ${ids.length} sessions in ${(minutes * 60).toFixed(1)} s`);
  console.log(`  HubSpot calls: ${calls.length}  →  ${(calls.length / ids.length).toFixed(3)} per session`);
  console.log(
    `  sessions per minute: ${Math.round(ids.length / minutes)}   not synced: ${failed.length}   429s: ${rateLimited}`,
  );
  const byEndpoint = new Map<string, number>();
  for (const c of calls) {
    const key = `${c.method} ${c.path.replace(/\/\d+/g, '/{id}')}${c.status === 429 ? ' → 429' : ''}`;
    byEndpoint.set(key, (byEndpoint.get(key) ?? 0) + 1);
  }
  for (const [k, n] of [...byEndpoint].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(5)}  ${k}`);
}

const batched = createSessions({ db: sessionsDb(), hubspot });
const ids = Array.from({ length: SESSIONS }, (_, i) => {
  const s = benchSession(i, owners.length > 0 ? ['rep.one@switchboard.example', 'rep.two@switchboard.example'] : []);
  batched.store.ingest(portal.id, s, Date.now());
  return s.sessionId;
});
console.log(
  `sandbox OAuth portal ${portal.id}; seeded ${seeded.contacts} contacts, ${seeded.companies} companies, ${seeded.deals} open deals; search lag 3 s`,
);
await run(`batched (${BATCH} sessions per sync run)`, batched, ids, async (all) => {
  for (let i = 0; i < all.length; i += BATCH) await batched.sync.syncSessions(portal.id, all.slice(i, i + BATCH));
});

const realtime = createSessions({ db: sessionsDb(), hubspot });
const sample = Array.from({ length: REALTIME_SAMPLE }, (_, i) => {
  const s = benchSession(SESSIONS + i, ['rep.one@switchboard.example']);
  realtime.store.ingest(portal.id, s, Date.now());
  return s.sessionId;
});
await run('realtime (one session per sync run, 5 at a time)', realtime, sample, async (all) => {
  for (let i = 0; i < all.length; i += 5)
    await Promise.all(all.slice(i, i + 5).map((id) => realtime.sync.syncSession(portal.id, id)));
});

const count = (type: string) => [...(portal.objects.get(type)?.values() ?? [])].filter((r) => !r.archived).length;
console.log(
  `\nHubSpot now holds: ${count('meetings')} meetings, ${count('tasks')} tasks, ${count('contacts')} contacts, ${count('companies')} companies`,
);
await server.close();
