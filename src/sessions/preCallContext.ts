import type { Sentiment } from '@switchboard/contract';
import type { HubspotCall, HubspotCallOptions } from '../hubspot/hubspotCall.ts';
import { contactsByEmail } from '../matching/contactLookup.ts';
import { objectApis } from '../matching/crmApi.ts';
import type { MatchingKeysRepo } from '../matching/matchingKeysRepo.ts';
import { keys, normalizeEmail } from '../matching/normalize.ts';
import type { SessionRecordsRepo } from './sessionRecordsRepo.ts';
import { actionItemLine } from './summaryFormat.ts';
import { type Deal, readDeals } from './sync/dealLookup.ts';
import type { PipelineDirectory } from './sync/pipelineDirectory.ts';

/**
 * Context before a call (issue 8 §5, `GET /api/context?email=…` in phase 2): who the contact is, their company and
 * its size, open deals with stage and amount, the last interaction (latest meeting in HubSpot) and talking points
 * from our last session with them. About five interactive calls; the contact id comes from what we remember when
 * search has not caught up yet.
 */
export interface PreCallContext {
  email: string;
  contact: { id: string; firstname: string | null; lastname: string | null; title: string | null } | null;
  company: { id: string; name: string | null; domain: string | null; size: number | null } | null;
  openDeals: Pick<Deal, 'id' | 'name' | 'stage' | 'stageLabel' | 'amount'>[];
  lastInteraction: { meetingId: string; title: string | null; at: string | null } | null;
  lastSession: { sessionId: string; title: string; startTime: string; sentiment: Sentiment; brief: string } | null;
  talkingPoints: string[];
}

export interface PreCallDeps {
  hubspot: HubspotCall;
  keys: MatchingKeysRepo;
  records: SessionRecordsRepo;
  pipelines: PipelineDirectory;
  now?: () => number;
  /** Trust remembered contact ids this long (default 15 min, as the matching engine). */
  rememberMs?: number;
}

const CALL: HubspotCallOptions = { feature: 'sessions.context', priority: 'interactive', idempotent: true };

export async function buildPreCallContext(
  deps: PreCallDeps,
  portalId: number,
  rawEmail: string,
): Promise<PreCallContext> {
  const email = normalizeEmail(rawEmail);
  const empty: PreCallContext = {
    email,
    contact: null,
    company: null,
    openDeals: [],
    lastInteraction: null,
    lastSession: null,
    talkingPoints: [],
  };
  const contactId = await findContactId(deps, portalId, email);
  if (!contactId) return empty;
  const record = await deps.hubspot(portalId, CALL, (c) =>
    c.crm.contacts.basicApi.getById(contactId, ['firstname', 'lastname', 'jobtitle', 'email'], undefined, [
      'companies',
      'deals',
    ]),
  );
  const p = record.properties;
  const assoc = (type: string) => (record.associations?.[type]?.results ?? []).map((r) => String(r.id));
  const [company, openDeals, lastInteraction] = await Promise.all([
    readCompany(deps, portalId, assoc('companies')[0]),
    readOpenDeals(deps, portalId, assoc('deals')),
    latestMeeting(deps, portalId, contactId),
  ]);
  const contact = {
    id: contactId,
    firstname: p.firstname ?? null,
    lastname: p.lastname ?? null,
    title: p.jobtitle ?? null,
  };
  return { email, contact, company, openDeals, lastInteraction, ...fromLastSession(deps, portalId, contactId) };
}

async function findContactId(deps: PreCallDeps, portalId: number, email: string): Promise<string | undefined> {
  const freshSince = (deps.now ?? Date.now)() - (deps.rememberMs ?? 15 * 60_000);
  const known = deps.keys.findKnown(portalId, 'contact', [keys.email(email)], freshSince).get(keys.email(email));
  if (known) return known.id;
  const found = await contactsByEmail({ hubspot: deps.hubspot, portalId, feature: CALL.feature }, [email]);
  return found.get(email)?.[0]?.id;
}

async function readCompany(
  deps: PreCallDeps,
  portalId: number,
  id: string | undefined,
): Promise<PreCallContext['company']> {
  if (!id) return null;
  const c = await deps.hubspot(portalId, CALL, (client) =>
    client.crm.companies.basicApi.getById(id, ['name', 'domain', 'numberofemployees']),
  );
  const size = c.properties.numberofemployees;
  return { id, name: c.properties.name ?? null, domain: c.properties.domain ?? null, size: size ? Number(size) : null };
}

async function readOpenDeals(deps: PreCallDeps, portalId: number, ids: string[]): Promise<PreCallContext['openDeals']> {
  if (ids.length === 0) return [];
  const pipelines = await deps.pipelines.deals(portalId);
  const deals = await readDeals(deps.hubspot, portalId, ids, pipelines, CALL.feature);
  return [...deals.values()]
    .filter((d) => !d.isClosed)
    .map(({ id, name, stage, stageLabel, amount }) => ({ id, name, stage, stageLabel, amount }));
}

/** The latest meeting on the contact's timeline (search: may miss one logged seconds ago, reference §3). */
async function latestMeeting(
  deps: PreCallDeps,
  portalId: number,
  contactId: string,
): Promise<PreCallContext['lastInteraction']> {
  const res = await deps.hubspot(portalId, { ...CALL, kind: 'search' }, (client) =>
    objectApis(client, 'meetings').search.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'associations.contact', operator: 'EQ', value: contactId }] }],
      sorts: [{ propertyName: 'hs_timestamp', direction: 'DESCENDING' }],
      properties: ['hs_meeting_title', 'hs_timestamp'],
      limit: 1,
    }),
  );
  const m = res.results[0];
  return m
    ? { meetingId: m.id, title: m.properties.hs_meeting_title ?? null, at: m.properties.hs_timestamp ?? null }
    : null;
}

function fromLastSession(deps: PreCallDeps, portalId: number, contactId: string) {
  const last = deps.records.sessionsOf(portalId, 'contact', [contactId])[0]?.session;
  if (!last) return { lastSession: null, talkingPoints: [] };
  const { sessionId, title, startTime, summary } = last;
  const talkingPoints = [...summary.nextSteps, ...summary.actionItems.map((a) => `Follow up: ${actionItemLine(a)}`)];
  return {
    lastSession: { sessionId, title, startTime, sentiment: summary.sentiment, brief: summary.brief },
    talkingPoints,
  };
}
