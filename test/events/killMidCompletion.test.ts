import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { IntegrationLogPage } from '@switchboard/contract';
import { readCallbacks, readCallLog } from '../../sandbox/hubspot/controlPlane.ts';
import { executeWorkflowAction } from '../../sandbox/hubspot/caller/index.ts';
import { eventually } from '../jobs/support.ts';
import { type CrmWorld, startCrmWorld } from '../sandbox/support/crmSandbox.ts';
import { ADMIN_TOKEN, serviceEnv, startChildService } from './support/childService.ts';

const EXECUTIONS = 500;
const SECRET = 'kill-test-client-secret';
const COMPLETE = /^\/automation\/v4\/actions\/callbacks\/[^/]+\/complete$/;

const children: ReturnType<typeof startChildService>[] = [];
let sandbox: CrmWorld | undefined;
afterAll(async () => {
  for (const c of children) c.child.kill('SIGKILL');
  await sandbox?.close();
});

/** Sends every execution as HubSpot would, 50 at a time; each must be answered BLOCK. */
async function executeAll(serviceUrl: string, portalId: number): Promise<void> {
  const ids = Array.from({ length: EXECUTIONS }, (_, n) => n);
  for (let i = 0; i < ids.length; i += 50) {
    const answers = await Promise.all(
      ids.slice(i, i + 50).map((n) =>
        executeWorkflowAction({
          actionUrl: `${serviceUrl}/actions/test-complete`,
          clientSecret: SECRET,
          callbackId: `ap-${portalId}-kill-${n}`,
          portalId,
          object: { objectId: 1_000 + n, objectType: 'CONTACT' },
          inputFields: { n },
          maxAttempts: 1,
        }),
      ),
    );
    expect(answers.map((a) => a.executionState)).toEqual(answers.map(() => 'BLOCK'));
  }
}

/** GET /admin/integration-log as the operator (or with the given headers). */
async function integrationLog(
  url: string,
  query: string,
  headers: Record<string, string> = { Authorization: `Bearer ${ADMIN_TOKEN}` },
) {
  const res = await fetch(`${url}/admin/integration-log${query}`, { headers });
  return { status: res.status, body: (await res.json()) as IntegrationLogPage };
}

const countWhere = (path: string, sql: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('kill -9 while 500 callback completions are in flight', () => {
  it('the restarted service completes every callback exactly once at HubSpot', { timeout: 120_000 }, async () => {
    // HubSpot's limits, on a 2 s window instead of 10 s so 500 writes take seconds (the service learns the window
    // from X-HubSpot-RateLimit-Interval-Milliseconds, as it would HubSpot's).
    sandbox = await startCrmWorld({ enforceRateLimits: true, rateLimitWindowMs: 2_000 });
    const portalId = sandbox.portal.id;
    const env = await serviceEnv({ hubspotUrl: sandbox.url, clientSecret: SECRET });
    const first = startChildService(env);
    children.push(first);
    const url = await first.listening;

    // Connect the portal the way an operator does: a private-app token through the admin API (issue 4).
    const connected = await fetch(`${url}/admin/connections`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Kill test', token: sandbox.token }),
    });
    expect(connected.status).toBe(201);

    await executeAll(url, portalId);
    const completed = () => readCallbacks(sandbox!.state, portalId).length;
    await eventually(() => completed() >= 100, 30_000);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const killedAt = sandbox.state.now();
    const atKill = completed();
    expect(atKill).toBeLessThan(EXECUTIONS); // really mid-way
    const jobsLeft =
      "SELECT COUNT(*) AS n FROM jobs WHERE type = 'workflowActions.completeCallback' AND status <> 'completed'";
    expect(countWhere(env.DATABASE_PATH, jobsLeft)).toBeGreaterThan(0);

    const second = startChildService(env);
    children.push(second);
    const restarted = await second.listening;
    await eventually(() => completed() === EXECUTIONS && countWhere(env.DATABASE_PATH, jobsLeft) === 0, 60_000);
    // The integration log shows the crash: the killed worker's runs ended by lease expiry, then completed.
    const log = await integrationLog(restarted, '?outcome=failures&type=workflowActions.completeCallback');
    expect(log.status).toBe(200);
    const expired = log.body.runs.filter((r) => r.reason?.code === 'lease_expired');
    expect(expired.length).toBeGreaterThan(0);
    expect((await integrationLog(restarted, '', {})).status).toBe(401);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    // HubSpot's side: every callback completed once, with its own outputs.
    const callbacks = readCallbacks(sandbox.state, portalId);
    expect(new Set(callbacks.map((c) => c.callbackId)).size).toBe(EXECUTIONS);
    for (const c of callbacks) {
      const n = /kill-(\d+)$/.exec(c.callbackId)![1];
      expect(c.outputFields).toEqual({ echo: n, hs_execution_state: 'SUCCESS' });
    }
    // The call log: exactly one accepted completion per callback. A completion whose answer the kill swallowed
    // is sent again after the restart and refused (400): at most one per job in flight at the kill.
    const calls = readCallLog(sandbox.state, { portalId, method: 'POST' }).filter((c) => COMPLETE.test(c.path));
    expect(calls.filter((c) => c.status === 204)).toHaveLength(EXECUTIONS);
    const refused = calls.filter((c) => c.status === 400);
    expect(refused.length).toBeLessThanOrEqual(4); // the worker's concurrency
    for (const r of refused) {
      const accepted = calls.find((c) => c.path === r.path && c.status === 204)!;
      expect(accepted.at).toBeLessThanOrEqual(killedAt);
    }
    expect(calls.filter((c) => c.status !== 204 && c.status !== 400)).toEqual([]);

    // Our side: every execution completed, no job dead; resends are recorded as such.
    const db = env.DATABASE_PATH;
    expect(countWhere(db, "SELECT COUNT(*) AS n FROM workflow_action_executions WHERE state = 'completed'")).toBe(
      EXECUTIONS,
    );
    const dead = "SELECT COUNT(*) AS n FROM jobs WHERE type = 'workflowActions.completeCallback' AND status = 'dead'";
    expect(countWhere(db, dead)).toBe(0);
    const notes = 'SELECT COUNT(*) AS n FROM workflow_action_executions WHERE completion_note IS NOT NULL';
    expect(countWhere(db, notes)).toBe(refused.length);
    console.log(`kill -9 at ${atKill}/${EXECUTIONS} completions; completions re-sent after restart: ${refused.length}`);
  });
});
