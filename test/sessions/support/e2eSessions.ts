import type { Json } from '../../connections/support/adminClient.ts';
import { platform, type ServiceWorld, settled } from './serviceWorld.ts';

/**
 * Sessions as the conversation platform posts them to the demo portal (sandbox/hubspot/seed.ts): Anna Schmidt exists
 * at Northwind Traders with an open deal, Tom Becker is new at the same company, Alice Rep is a HubSpot user.
 */
export const NORTHWIND_CALL = {
  sessionId: 'call-2026-03-02-northwind',
  title: 'Rack upgrade with Northwind',
  startTime: '2026-03-02T09:00:00+01:00',
  durationSeconds: 2_700,
  participants: [
    { name: 'Anna Schmidt', email: 'Anna.Schmidt@northwind.example.com' },
    {
      name: 'Tom Becker',
      email: 'tom.becker@northwind.example.com',
      phone: '+49 40 1234567',
      company: 'Northwind Traders',
    },
    { name: 'Alice Rep', email: 'alice.rep@acme-distribution.example.com' },
  ],
  summary: {
    brief: 'Northwind wants 40 more pallet racks before the Q2 peak & asked for <fast> delivery.',
    keyPoints: ['Budget approved', 'Installation in April'],
    actionItems: [
      {
        title: 'Send the rack quote',
        description: 'Include installation.',
        priority: 'HIGH',
        dueDate: '2026-03-05',
        assigneeEmail: 'alice.rep@acme-distribution.example.com',
      },
      { title: 'Share the safety checklist', priority: 'LOW' },
    ],
    nextSteps: ['Site visit next week'],
    sentiment: 'positive',
    insights: ['Anna decides with the CFO'],
    recommendedDealUpdate: { stage: 'Qualified To Buy', nextStep: 'Send the quote by Friday' },
  },
};

/**
 * HubSpot's own deal property "Next step" (hs_next_step), which the sandbox's standard schema lacks [U]: arranged in
 * the sandbox as HubSpot defines it, so the recommended deal update can be written.
 */
export function addNextStepProperty(w: ServiceWorld): void {
  const at = new Date().toISOString();
  w.seeded.portal.properties.get('deals')?.set('hs_next_step', {
    name: 'hs_next_step',
    label: 'Next step',
    groupName: 'dealinformation',
    type: 'string',
    fieldType: 'text',
    hubspotDefined: true,
    createdAt: at,
    updatedAt: at,
  });
}

/** A minimal valid session with overrides. */
export function minimalSession(sessionId: string, participants: object[], extra: Record<string, unknown> = {}) {
  return {
    sessionId,
    title: `Call ${sessionId}`,
    startTime: '2026-03-03T10:00:00Z',
    durationSeconds: 600,
    participants,
    summary: { brief: `Brief of ${sessionId}.`, sentiment: 'neutral' },
    ...extra,
  };
}

/** Deal updates allowed, NORTHWIND_CALL posted (202, a new session) and synced: its status view. */
export async function postNorthwindCall(w: ServiceWorld): Promise<Json> {
  addNextStepProperty(w);
  const allow = await w.admin('PUT', `/admin/portals/${w.portalId}/sessions/options`, { allowDealStageUpdate: true });
  if (allow.status !== 200) throw new Error(`options: ${JSON.stringify(allow.body)}`);
  const posted = await platform(w, 'POST', '/api/sessions', NORTHWIND_CALL);
  const { sessionId, revision, change, status } = posted.body ?? {};
  const asExpected = sessionId === NORTHWIND_CALL.sessionId && revision === 1 && change === 'created';
  if (posted.status !== 202 || !asExpected || status !== 'pending') {
    throw new Error(`POST /api/sessions answered ${posted.status} ${JSON.stringify(posted.body)}`);
  }
  return settled(w, NORTHWIND_CALL.sessionId);
}
