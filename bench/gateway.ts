/**
 * Sustained load on one OAuth portal through the gateway, against the HubSpot sandbox over real HTTP with its
 * rate limits enforced (110 requests per rolling 10 s): `npx tsx bench/gateway.ts [--seconds N] [--callers C]`.
 * Numbers, not pass/fail: requests HubSpot accepted per rolling 10 s (min / avg / max; goal ≥ 99 of 110) and
 * 429s received (goal 0), read from the sandbox's call log, i.e. counted where HubSpot counts them.
 */
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCallLog } from '../sandbox/hubspot/controlPlane.ts';
import { seedDemoPortal } from '../sandbox/hubspot/seed.ts';
import { createHubspotSandbox } from '../sandbox/hubspot/server.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/openDatabase.ts';
import { createLogger } from '../src/logger.ts';
import { composeConnections } from '../server/composeConnections.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string' }, callers: { type: 'string' } } });
const SECONDS = Number(values.seconds ?? 60);
const CALLERS = Number(values.callers ?? 150); // a standing backlog: the budget, not the callers, sets the pace
const WINDOW_MS = 10_000;
const REDIRECT = 'http://127.0.0.1:9/oauth/callback'; // never followed: the bench completes the callback itself

const sandbox = createHubspotSandbox(); // enforceRateLimits: true, 10 s window, real clock
const hs = await sandbox.listen();
const seeded = seedDemoPortal(sandbox.state, { redirectUrls: [REDIRECT] });
const portalId = seeded.portal.id;
const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-gateway-'));
const config = loadConfig({
  PUBLIC_ORIGIN: 'http://127.0.0.1:9',
  DATABASE_PATH: join(dir, 'bench.db'),
  HUBSPOT_CLIENT_ID: seeded.client.clientId,
  HUBSPOT_CLIENT_SECRET: seeded.client.clientSecret,
  HUBSPOT_API_BASE_URL: hs.url,
  HUBSPOT_APP_BASE_URL: hs.url,
  LOG_LEVEL: 'error',
});
const db = openDatabase(config.databasePath);
migrate(db);
const services = composeConnections({ config, db, logger: createLogger('error') });

/** Install over HTTP at the sandbox's consent endpoint, then hand the redirect's code and state to our callback. */
async function install(): Promise<void> {
  const authorize = new URL(services.routes.oauth.install!.installUrl());
  const form = new URLSearchParams(authorize.searchParams);
  form.set('portalId', String(portalId));
  form.set('decision', 'approve');
  const res = await fetch(`${hs.url}/oauth/authorize/decision`, { method: 'POST', body: form, redirect: 'manual' });
  const back = new URL(res.headers.get('location')!);
  const result = await services.routes.oauth.install!.complete(Object.fromEntries(back.searchParams));
  if (result.kind !== 'installed') throw new Error(`install failed: ${JSON.stringify(result)}`);
}

async function caller(stop: AbortSignal, outcome: { ok: number; failed: Map<string, number> }): Promise<void> {
  while (!stop.aborted) {
    try {
      await services.gateway.call(portalId, { feature: 'bench', signal: stop }, (c) =>
        c.crm.contacts.basicApi.getPage(1),
      );
      outcome.ok += 1;
    } catch (err) {
      if (stop.aborted) return; // still queued when the time was up: not a failure
      const code = (err as { code?: string }).code ?? 'error';
      outcome.failed.set(code, (outcome.failed.get(code) ?? 0) + 1);
    }
  }
}

/** Accepted requests in (t − 10 s, t] for t every 100 ms over the run (only full windows once 10 s have passed). */
function rollingCounts(times: number[], from: number, to: number): number[] {
  const counts: number[] = [];
  const firstEnd = from + Math.min(WINDOW_MS, to - from);
  for (let t = firstEnd; t <= to; t += 100) counts.push(times.filter((x) => x > t - WINDOW_MS && x <= t).length);
  return counts;
}

await install();
const started = Date.now();
const until = started + SECONDS * 1000;
const outcome = { ok: 0, failed: new Map<string, number>() };
const stop = AbortSignal.timeout(SECONDS * 1000);
setMaxListeners(0, stop); // every queued caller listens for the end of the run
await Promise.all(Array.from({ length: CALLERS }, () => caller(stop, outcome)));
const ended = Date.now();

const calls = readCallLog(sandbox.state, { portalId, since: started });
const accepted = calls.filter((c) => c.status >= 200 && c.status < 300).map((c) => c.at);
const counts = rollingCounts(accepted, started, Math.min(ended, until));
const avg = counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length);
const report = {
  seconds: SECONDS,
  callers: CALLERS,
  calls: { completed: outcome.ok, failed: Object.fromEntries(outcome.failed) },
  hubspot: {
    received: calls.length,
    accepted: accepted.length,
    status429: calls.filter((c) => c.status === 429).length,
    otherErrors: calls.filter((c) => c.status >= 400 && c.status !== 429).length,
  },
  perRolling10s: { min: Math.min(...counts), avg: Math.round(avg * 10) / 10, max: Math.max(...counts), limit: 110 },
  throughputPerSecond: Math.round((accepted.length / ((ended - started) / 1000)) * 10) / 10,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);

services.close();
db.close();
await hs.close();
rmSync(dir, { recursive: true, force: true });
