import type { HubspotCall } from '../../hubspot/hubspotCall.ts';
import type { ParticipantResult } from '../syncResult.ts';
import type { DealAssociationMode } from '../syncOptions.ts';
import { type Deal, openDealsOf } from './dealLookup.ts';
import type { Pipelines } from './pipelineDirectory.ts';

/**
 * The open deals each session's meeting goes on, per the portal's deal association mode: the matched contacts'
 * open deals, or the open deals of their companies (found by email domain). One lookup for all sessions.
 */
export async function dealsPerSession(
  hubspot: HubspotCall,
  portalId: number,
  mode: DealAssociationMode,
  participants: ReadonlyMap<string, ParticipantResult[]>,
  pipelines: Pipelines,
): Promise<Map<string, Deal[]>> {
  const out = new Map<string, Deal[]>();
  if (mode === 'none') return out;
  const from = mode === 'contactsOpenDeals' ? 'contacts' : 'companies';
  // A record created by this sync has no deals yet: asking HubSpot about it would be a wasted call.
  const idsOf = (rs: ParticipantResult[]) =>
    rs
      .map((r) => (from === 'contacts' ? r.contact : r.company))
      .filter((m) => m.id !== null && m.outcome !== 'created')
      .map((m) => m.id!);
  const allIds = [...new Set([...participants.values()].flatMap(idsOf))];
  const dealsOf = await openDealsOf(hubspot, portalId, from, allIds, pipelines, 'sessions.deals');
  for (const [sessionId, rs] of participants) {
    const deals = new Map<string, Deal>();
    for (const id of idsOf(rs)) for (const d of dealsOf.get(id) ?? []) deals.set(d.id, d);
    out.set(sessionId, [...deals.values()]);
  }
  return out;
}
