import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/tickets/index.js';
import { AppError } from '../../errors.ts';
import type { HubspotCall } from '../../hubspot/hubspotCall.ts';
import { RetryAfter } from '../../jobs/retryPolicy.ts';
import type { TicketRequest } from '../crmPort.ts';
import { hubspotStatusOf } from '../../hubspot/errorStatus.ts';
import type { WhatsAppProvisioning } from './provisionWhatsAppProperties.ts';
import type { TicketsRepo } from './ticketsRepo.ts';
import { TICKET_KEY_PROPERTY } from './whatsappProperties.ts';

/**
 * A HubSpot ticket per idempotency key, created at most once even when the job runs again:
 * 1. a key with a ticket id in 0045 `whatsapp_crm_tickets` is answered from there (no call);
 * 2. otherwise the intent is recorded (`creating`) before the create leaves, and the ticket id after it;
 * 3. an intent left without an answer (crash, timeout, dropped connection) is looked up in HubSpot by the key the
 *    ticket carries (`switchboard_whatsapp_key`) — by search, which lags (reference §3), so only once `searchGraceMs`
 *    has passed since the request; until then the job is told to come back (RetryAfter, no attempt used).
 *    Found → recorded; not found → created again.
 * A definite refusal (HubSpot answered 4xx) forgets the intent, since nothing was created.
 */
export interface TicketDeps {
  hubspot: HubspotCall;
  repo: TicketsRepo;
  provisioning: Pick<WhatsAppProvisioning, 'ensure'>;
  now: () => number;
  /** How long after an unanswered create search is trusted to show the ticket. Default 60 s. */
  searchGraceMs?: number;
}

/** HubSpot-defined ticket → contact association (sandbox associationTypes: contacts↔tickets 15/16) [U]. */
const TICKET_TO_CONTACT = 16;
const DEFAULT_PIPELINE = '0';
const DEFAULT_STAGE = '1';

function ticketProperties(t: TicketRequest): Record<string, string> {
  const all: Record<string, string | undefined> = {
    subject: t.subject.trim(),
    content: t.content,
    hs_pipeline: t.pipeline || DEFAULT_PIPELINE,
    hs_pipeline_stage: t.stage || DEFAULT_STAGE,
    hubspot_owner_id: t.ownerId,
    [TICKET_KEY_PROPERTY]: t.idempotencyKey,
  };
  // HubSpot treats "" as "clear": never send one.
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => !!e[1]));
}

async function findByKey(deps: TicketDeps, portalId: number, key: string): Promise<string | undefined> {
  const page = await deps.hubspot(portalId, { feature: 'whatsapp', kind: 'search', idempotent: true }, (client) =>
    client.crm.tickets.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: TICKET_KEY_PROPERTY, operator: 'EQ' as never, value: key }] }],
      properties: [TICKET_KEY_PROPERTY],
      limit: 10,
    }),
  );
  // String EQ is case-insensitive in HubSpot: keep only the exact key.
  return page.results.find((r) => r.properties[TICKET_KEY_PROPERTY] === key)?.id;
}

async function send(deps: TicketDeps, portalId: number, contactId: string, t: TicketRequest): Promise<string> {
  const association = { associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined };
  try {
    const created = await deps.hubspot(portalId, { feature: 'whatsapp', idempotent: false }, (client) =>
      client.crm.tickets.basicApi.create({
        properties: ticketProperties(t),
        associations: [{ to: { id: contactId }, types: [{ ...association, associationTypeId: TICKET_TO_CONTACT }] }],
      }),
    );
    return created.id;
  } catch (err) {
    const status = hubspotStatusOf(err);
    // No answer, or a 5xx: HubSpot may have created it; the intent stays for the next attempt to look up.
    if (status !== undefined && status < 500) deps.repo.forgetIntent(portalId, t.idempotencyKey);
    throw err;
  }
}

/** Resolves an intent left by an earlier attempt: the ticket id, or undefined when this attempt may create it. */
async function settleLostCreate(
  deps: TicketDeps,
  portalId: number,
  key: string,
  sentAt: number,
): Promise<string | undefined> {
  const wait = sentAt + (deps.searchGraceMs ?? 60_000) - deps.now();
  if (wait > 0)
    throw new RetryAfter(wait, 'search_lag', `ticket ${key}: an earlier create is unanswered; checking later`);
  const found = await findByKey(deps, portalId, key);
  if (found) return found;
  if (!deps.repo.reclaim(portalId, key, sentAt, deps.now())) {
    throw new RetryAfter(1_000, 'ticket_in_progress', `ticket ${key} is being created by another attempt`);
  }
  return undefined;
}

/** The ticket for `t.idempotencyKey`, associated to the contact; created only if no attempt created it before. */
export async function createTicketOnce(
  deps: TicketDeps,
  portalId: number,
  contactId: string,
  t: TicketRequest,
): Promise<{ ticketId: string }> {
  const key = t.idempotencyKey;
  if (key.trim() === '') throw new AppError('validation', 'ticket idempotencyKey must not be empty');
  if (t.subject.trim() === '') throw new AppError('validation', 'ticket subject must not be empty');
  const known = deps.repo.find(portalId, key);
  if (known?.state === 'created') return { ticketId: known.ticketId };
  await deps.provisioning.ensure(portalId); // the key property must exist before a ticket carries it
  if (known?.state === 'creating') {
    const found = await settleLostCreate(deps, portalId, key, known.sentAt);
    if (found) {
      deps.repo.markCreated(portalId, key, found, deps.now());
      return { ticketId: found };
    }
  } else if (!deps.repo.claim(portalId, key, contactId, deps.now())) {
    throw new RetryAfter(1_000, 'ticket_in_progress', `ticket ${key} is being created by another attempt`);
  }
  const ticketId = await send(deps, portalId, contactId, t);
  deps.repo.markCreated(portalId, key, ticketId, deps.now());
  return { ticketId };
}
