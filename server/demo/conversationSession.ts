import { readRecords, readTimeline } from '../../sandbox/hubspot/controlPlane.ts';
import { declareAppEvents } from '../../sandbox/hubspot/projectUpload.ts';
import type { DemoContext, DemoScenario } from './context.ts';
import { type Json, settingsPageRequest } from './settingsPage.ts';

/** The session a call platform posts after Anna Schmidt (Northwind) met Alice, with a new colleague, Tom. */
const SESSION = {
  sessionId: 'demo-call-northwind-1',
  title: 'Rack upgrade with Northwind',
  startTime: '2026-03-02T09:00:00+01:00',
  durationSeconds: 2_700,
  participants: [
    { name: 'Anna Schmidt', email: 'anna.schmidt@northwind.example.com' },
    { name: 'Tom Becker', email: 'tom.becker@northwind.example.com', company: 'Northwind Traders' },
    { name: 'Alice Rep', email: 'alice.rep@acme-distribution.example.com' },
  ],
  summary: {
    brief: 'Northwind wants 40 more pallet racks before the Q2 peak.',
    keyPoints: ['Budget approved', 'Installation in April'],
    actionItems: [
      {
        title: 'Send the rack quote',
        priority: 'HIGH',
        dueDate: '2026-03-05',
        assigneeEmail: 'alice.rep@acme-distribution.example.com',
      },
      { title: 'Share the safety checklist', priority: 'LOW' },
    ],
    nextSteps: ['Site visit next week'],
    sentiment: 'positive',
  },
};

async function api(ctx: DemoContext, key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${ctx.service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function untilSettled(ctx: DemoContext, key: string): Promise<Json> {
  for (let i = 0; i < 200; i++) {
    const { body } = await api(ctx, key, 'GET', `/api/sessions/${SESSION.sessionId}`);
    if (body.status !== 'pending' && body.sync?.job !== 'running') return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the session did not sync within 10 s');
}

function showHubspot(ctx: DemoContext, view: Json): void {
  const state = ctx.sandboxes.hubspot.state;
  const meeting = readRecords(state, ctx.portalId, 'meetings').find((m) => m.id === view.result.meetingId)!;
  ctx.say(
    `  meeting ${meeting.id}: "${meeting.properties.hs_meeting_title}" ${meeting.properties.hs_meeting_start_time} → ${meeting.properties.hs_meeting_end_time}`,
  );
  for (const t of view.result.tasks) ctx.say(`  task ${t.taskId}: "${t.title}" (${t.ownerReason})`);
  for (const p of view.result.participants) ctx.say(`  participant ${p.name}: ${p.outcome} by ${p.rule} — ${p.reason}`);
  for (const id of view.result.contactIds) {
    const c = readRecords(state, ctx.portalId, 'contacts').find((r) => r.id === id)!.properties;
    ctx.say(
      `  contact ${id} updated: last conversation ${c.switchboard_last_meeting_date}, engagement score ${c.switchboard_engagement_score}`,
    );
  }
  const events = readTimeline(state, ctx.portalId).filter((e) => e.id.startsWith(`session-${SESSION.sessionId}-`));
  ctx.say(
    `  timeline: ${events.length} "Conversation summarized" events (on contacts ${events.map((e) => e.objectId).join(', ')})`,
  );
  ctx.say(`  full summary (signed link): ${meeting.properties.hs_meeting_external_url}`);
}

/**
 * A conversation platform posts a finished session with the portal's API key: the worker matches the participants,
 * writes the meeting, tasks and contact updates in batches, and posts the timeline events.
 */
export const conversationSessionScenario: DemoScenario = {
  title: 'A call platform posts a finished conversation (sessions API)',
  async run(ctx) {
    // What `hs project upload` does in a real account: declare the app's timeline event types.
    declareAppEvents([ctx.sandboxes.demoPortal!.portal]);
    const { body: created } = await settingsPageRequest(ctx, 'POST', `/admin/portals/${ctx.portalId}/api-keys`, {
      name: 'Call platform',
      scope: 'sessions',
    });
    if (!created.key) throw new Error(`could not create an API key: ${JSON.stringify(created)}`);
    ctx.say(`  settings page → API key ${created.keyPrefix}… (scope sessions) for the call platform`);
    const posted = await api(ctx, created.key, 'POST', '/api/sessions', SESSION);
    ctx.say(
      `  POST /api/sessions → ${posted.status}: ${posted.body.change}, sync scheduled ${posted.body.syncScheduledAt}`,
    );
    const view = await untilSettled(ctx, created.key);
    if (view.status !== 'synced') throw new Error(`session ${view.status}: ${view.reason}`);
    ctx.say(
      `  GET /api/sessions/${SESSION.sessionId} → ${view.status} (timeline ${view.result.timeline.posted}/${view.result.timeline.events} posted)`,
    );
    showHubspot(ctx, view);
    const again = await api(ctx, created.key, 'POST', '/api/sessions', SESSION);
    ctx.say(`  the same session posted again → ${again.status}: ${again.body.change}`);
    const bad = await api(ctx, 'sbk_not-a-real-key', 'POST', '/api/sessions', SESSION);
    ctx.say(`  with a wrong API key → ${bad.status} (${bad.body.error.message})`);
  },
};
