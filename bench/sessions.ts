/**
 * Conversation sessions into HubSpot at volume, through the real service: `npx tsx bench/sessions.ts [sessions]`.
 * The service runs as in production (startService: API, durable queue + worker, the gateway with its rate budget)
 * against the HubSpot sandbox, installed as a marketplace OAuth app (110 requests / 10 s and search 5 / s, enforced),
 * with search lag on. A call platform posts 1,000 sessions × 3 participants × 2 action items over HTTP with the
 * portal's API key; the bench waits until every sync job is done. Prints HubSpot calls per session (goal ≤ 0.3) and
 * sessions per minute, then the same for 50 sessions posted one at a time (each synced before the next arrives).
 * Numbers, not pass/fail.
 */
import { Client } from '@hubspot/api-client';
import { readCallLog, setSearchLag } from '../sandbox/hubspot/controlPlane.ts';
import { appEventTypeFromHsmeta, registerAppEventType } from '../sandbox/hubspot/crm/appEvents.ts';
import { addOwner, createPortal, issuePrivateAppToken } from '../sandbox/hubspot/portals.ts';
import { createHubspotSandbox } from '../sandbox/hubspot/server.ts';
import { APP_SCOPES } from '../test/sessions/support/sessionWorld.ts';
import { benchSession, seedPortal } from './sessionsData.ts';
import { appEventFiles, benchService, type BenchService } from './support/sessionsService.ts';

const SESSIONS = Number(process.argv[2] ?? 1_000);
const ONE_BY_ONE = 50;
const REPS = ['rep.one@switchboard.example', 'rep.two@switchboard.example'];

const sandbox = createHubspotSandbox({ enforceRateLimits: true });
const sb = await sandbox.listen();
const portal = createPortal(sandbox.state, { id: 99_001 });
for (const email of REPS) addOwner(portal, { email });
for (const meta of appEventFiles()) registerAppEventType(portal, appEventTypeFromHsmeta(meta));

// Arranged with a private app (its own limits): existing contacts, companies and open deals.
const admin = new Client({
  accessToken: issuePrivateAppToken(sandbox.state, portal.id, APP_SCOPES),
  basePath: sb.url,
  numberOfApiCallRetries: 3,
});
const seeded = await seedPortal(admin);
setSearchLag(sandbox.state, 3_000); // HubSpot: "a few moments" (reference §3)
const service = await benchService({ sandboxUrl: sb.url, sandbox: sandbox.state, portalId: portal.id });

/** HubSpot API calls of the OAuth install since `since` (token exchanges and refreshes are not API calls). */
const apiCalls = (since: number) =>
  readCallLog(sandbox.state, { portalId: portal.id, since }).filter(
    (c) => c.authKind === 'oauth' && !c.path.startsWith('/oauth'),
  );

function report(label: string, ids: string[], since: number, ms: number, s: BenchService) {
  const calls = apiCalls(since);
  const states = s.statuses(ids);
  console.log(`\n${label}: ${ids.length} sessions in ${(ms / 1000).toFixed(1)} s`);
  console.log(`  HubSpot calls: ${calls.length}  →  ${(calls.length / ids.length).toFixed(3)} per session`);
  console.log(
    `  sessions per minute: ${Math.round(ids.length / (ms / 60_000))}   synced: ${states.synced}   not synced: ${ids.length - states.synced}   429s: ${calls.filter((c) => c.status === 429).length}`,
  );
  if (states.reasons.length > 0) console.log(`  failure reasons: ${states.reasons.join(' | ')}`);
  console.log(`  sync runs: ${s.runSizes(ids).join(', ')}  (sessions per batched run)`);
  const waited = s.deferrals();
  console.log(
    `  so far, jobs that found the portal busy and waited (no attempt used): ${waited.jobs}, ${waited.reschedules} times`,
  );
  const byEndpoint = new Map<string, number>();
  for (const c of calls) {
    const key = `${c.method} ${c.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}${c.status === 429 ? ' → 429' : ''}`;
    byEndpoint.set(key, (byEndpoint.get(key) ?? 0) + 1);
  }
  for (const [k, n] of [...byEndpoint].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(5)}  ${k}`);
}

console.log(
  `sandbox OAuth portal ${portal.id}; seeded ${seeded.contacts} contacts, ${seeded.companies} companies, ${seeded.deals} open deals; search lag 3 s`,
);
await service.drain(); // the install's property provisioning, so it is not counted below
const burst = Array.from({ length: SESSIONS }, (_, i) => benchSession(i, REPS));
let since = Date.now();
let started = performance.now();
await service.postAll(burst);
await service.drain();
report(
  'burst (all posted at once, real-time sync)',
  burst.map((s) => s.sessionId),
  since,
  performance.now() - started,
  service,
);

const single = Array.from({ length: ONE_BY_ONE }, (_, i) => benchSession(SESSIONS + i, REPS));
since = Date.now();
started = performance.now();
for (const s of single) {
  await service.postAll([s]);
  await service.drain();
}
report(
  'one at a time (each synced before the next is posted)',
  single.map((s) => s.sessionId),
  since,
  performance.now() - started,
  service,
);

const count = (type: string) => [...(portal.objects.get(type)?.values() ?? [])].filter((r) => !r.archived).length;
console.log(
  `\nHubSpot now holds: ${count('meetings')} meetings, ${count('tasks')} tasks, ${count('contacts')} contacts, ${count('companies')} companies, ${portal.timeline.length} timeline events`,
);
await service.stop();
await sb.close();
