import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from '../../sandbox/listen.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerOAuthClient } from '../../sandbox/hubspot/portals.ts';
import type { SandboxState } from '../../sandbox/hubspot/state.ts';
import { loadConfig } from '../../src/config.ts';
import type { Session } from '../../src/sessions/index.ts';
import { APP_EVENTS_DIR } from '../../src/timeline/appEventCatalog.ts';
import { startService } from '../../server/main.ts';

/** The project's app-event hsmeta files (what `hs project upload` declares in a portal). */
export function appEventFiles() {
  return readdirSync(APP_EVENTS_DIR)
    .filter((f) => f.endsWith('-hsmeta.json'))
    .map((f) => JSON.parse(readFileSync(join(APP_EVENTS_DIR, f), 'utf8')));
}

const ADMIN_TOKEN = 'bench-operator-token-0123456789-abcdef';

/** Installs the app through the OAuth flow: our install URL → the sandbox's consent decision → our callback. */
async function install(url: string, sandboxUrl: string, portalId: number): Promise<void> {
  const authorize = new URL((await fetch(`${url}/oauth/install`, { redirect: 'manual' })).headers.get('location')!);
  const form = new URLSearchParams(authorize.searchParams);
  form.set('portalId', String(portalId));
  form.set('decision', 'approve');
  const decided = await fetch(`${sandboxUrl}/oauth/authorize/decision`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const callback = await fetch(decided.headers.get('location')!);
  if (callback.status !== 200) throw new Error(`install failed: ${await callback.text()}`);
}

/**
 * The real service for a bench (startService on a temporary SQLite file), installed into `portalId` by OAuth, with
 * a `sessions` API key, and the helpers a bench needs: post sessions like a platform, wait for the worker, read back.
 */
export async function benchService(o: { sandboxUrl: string; sandbox: SandboxState; portalId: number }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const client = registerOAuthClient(o.sandbox, {
    clientId: 'bench-sessions',
    clientSecret: 'bench-sessions-secret',
    appId: 1,
    redirectUrls: [`${url}/oauth/callback`],
  });
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-sessions-'));
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_ORIGIN: url,
    DATABASE_PATH: join(dir, 'bench.db'),
    LOG_LEVEL: 'error',
    HUBSPOT_CLIENT_ID: client.clientId,
    HUBSPOT_CLIENT_SECRET: client.clientSecret,
    HUBSPOT_API_BASE_URL: o.sandboxUrl,
    HUBSPOT_APP_BASE_URL: o.sandboxUrl,
    TOKEN_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    ADMIN_TOKEN,
    BODY_LIMIT: '2mb',
  });
  const service = await startService(config);
  await install(url, o.sandboxUrl, o.portalId);
  const made = await fetch(`${url}/admin/portals/${o.portalId}/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench platform', scope: 'sessions' }),
  });
  const { key } = (await made.json()) as { key: string };
  const db = service.db;
  const busy = db.prepare(
    "SELECT COUNT(*) AS n FROM jobs WHERE type LIKE 'sessions.%' AND status IN ('pending', 'running')",
  );
  const one = db.prepare<[number, string], { status: string; status_reason: string | null }>(
    'SELECT status, status_reason FROM sessions WHERE portal_id = ? AND session_id = ?',
  );
  const results = db.prepare<[string], { result: string | null }>(
    "SELECT result FROM jobs WHERE type = 'sessions.sync' AND status = 'completed' AND json_extract(payload, '$.sessionId') IN (SELECT value FROM json_each(?))",
  );

  const post = (s: Session) =>
    fetch(`${url}/api/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(s),
    }).then((r) => {
      if (r.status !== 202) throw new Error(`POST /api/sessions → ${r.status}`);
    });

  return {
    /** Posts sessions 20 at a time, as a platform with a few connections would. */
    async postAll(sessions: readonly Session[]): Promise<void> {
      for (let i = 0; i < sessions.length; i += 20) await Promise.all(sessions.slice(i, i + 20).map(post));
    },
    /** Resolves once no sessions job is pending or running. */
    async drain(): Promise<void> {
      while ((busy.get() as { n: number }).n > 0) await new Promise((r) => setTimeout(r, 25));
    },
    statuses(ids: readonly string[]) {
      const rows = ids.map((id) => one.get(o.portalId, id));
      const reasons = [
        ...new Set(rows.flatMap((r) => (r?.status === 'failed' && r.status_reason ? [r.status_reason] : []))),
      ];
      return { synced: rows.filter((r) => r?.status === 'synced').length, reasons };
    },
    /** Sizes of the batched runs that synced these sessions (jobs that found their session done are left out). */
    runSizes(ids: readonly string[]): number[] {
      return results
        .all(JSON.stringify(ids))
        .flatMap((r) => (r.result ? (JSON.parse(r.result) as { runs: number[] }).runs : []));
    },
    /** Reschedules because the portal was busy with another job's runs (no attempt used), and of how many jobs. */
    deferrals(): { reschedules: number; jobs: number } {
      const sql = `SELECT COUNT(*) AS reschedules, COUNT(DISTINCT job_id) AS jobs FROM job_runs
        WHERE reason_code = 'portal_busy'`;
      return db.prepare(sql).get() as { reschedules: number; jobs: number };
    },
    async stop(): Promise<void> {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type BenchService = Awaited<ReturnType<typeof benchService>>;
