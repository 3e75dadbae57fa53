import { applyUpdate, archiveStored } from './crm/records.ts';
import { optionOf } from './defaults.ts';
import { resetRateLimits } from './middleware/rateLimit.ts';
import { installTokens, type TokenResponseBody } from './oauthTokens.ts';
import type { CallLogEntry, FaultKind, ObjectChange, Pipeline, Portal, SandboxState, StoredObject } from './state.ts';

/**
 * The sandbox's own control plane as plain functions (the `/_sandbox/*` routes call these; in-process tests can
 * too). Nothing here is HubSpot API: it is how tests arrange the world and observe what an integration did.
 * Portal/token/client creation lives in portals.ts; webhook settings in webhookEmitter.ts.
 */

export { resetRateLimits };

function portalOrThrow(state: SandboxState, portalId: number): Portal {
  const portal = state.portal(portalId);
  if (!portal) throw new ControlError(404, `unknown portal ${portalId}`);
  return portal;
}

/** A control-plane failure with the HTTP status the `/_sandbox` route should answer. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Summaries of every portal (no records). */
export function listPortals(state: SandboxState) {
  return [...state.portals.values()].map((p) => ({
    id: p.id,
    name: p.name,
    domain: p.domain,
    timezone: p.timezone,
    tier: p.tier,
    appEventsEnabled: p.appEventsEnabled,
    apiLimitIncrease: p.apiLimitIncrease ?? false,
    dailyCalls: p.dailyCalls,
    pendingFaults: p.faults.reduce((n, f) => n + f.remaining, 0),
    owners: p.owners.length,
    records: Object.fromEntries([...p.objects].map(([type, store]) => [type, store.size])),
  }));
}

/** Installs an OAuth app into a portal without the consent screen: what a completed install leaves behind. */
export function installApp(
  state: SandboxState,
  input: { clientId: string; portalId: number; scopes: string[] },
): TokenResponseBody {
  const client = state.clients.get(input.clientId);
  if (!client) throw new ControlError(404, `unknown OAuth client ${input.clientId}`);
  portalOrThrow(state, input.portalId);
  return installTokens(state, client, input.portalId, input.scopes);
}

/** Queues a fault for the portal's next `count` authenticated API requests. */
export function injectFault(
  state: SandboxState,
  portalId: number,
  fault: { kind: FaultKind; count?: number; delayMs?: number },
) {
  const portal = portalOrThrow(state, portalId);
  portal.faults.push({
    kind: fault.kind,
    remaining: fault.count ?? 1,
    ...(fault.delayMs !== undefined ? { delayMs: fault.delayMs } : {}),
  });
}

export function clearFaults(state: SandboxState, portalId: number): void {
  portalOrThrow(state, portalId).faults.length = 0;
}

/** Revokes one access token (OAuth or private app); returns whether it existed. */
export function revokeAccessToken(state: SandboxState, token: string): boolean {
  const t = state.accessTokens.get(token);
  if (t) t.revoked = true;
  return t !== undefined;
}

/** Revokes every access and refresh token of a portal (what uninstalling every app looks like to a client). */
export function revokePortalTokens(state: SandboxState, portalId: number): number {
  let n = 0;
  for (const t of [...state.accessTokens.values(), ...state.refreshTokens.values()]) {
    if (t.portalId !== portalId || t.revoked) continue;
    t.revoked = true;
    n += 1;
  }
  return n;
}

export interface CallLogFilter {
  portalId?: number;
  method?: string;
  pathPrefix?: string;
  since?: number;
}

/** Call-log entries matching every given filter, oldest first. */
export function readCallLog(state: SandboxState, f: CallLogFilter = {}): CallLogEntry[] {
  const method = f.method?.toUpperCase();
  return state.callLog.filter(
    (c) =>
      (f.portalId === undefined || c.portalId === f.portalId) &&
      (method === undefined || c.method === method) &&
      (f.pathPrefix === undefined || c.path.startsWith(f.pathPrefix)) &&
      (f.since === undefined || c.at >= f.since),
  );
}

export function clearCallLog(state: SandboxState): void {
  state.callLog.length = 0;
}

/** Records of one type in a portal as stored (archived ones only when asked). */
export function readRecords(
  state: SandboxState,
  portalId: number,
  type: string,
  opts: { archived?: boolean } = {},
): StoredObject[] {
  const store = portalOrThrow(state, portalId).objects.get(type);
  return [...(store?.values() ?? [])].filter((r) => opts.archived || !r.archived);
}

export function readTimeline(state: SandboxState, portalId: number) {
  return portalOrThrow(state, portalId).timeline;
}

export function readCallbacks(state: SandboxState, portalId: number) {
  return portalOrThrow(state, portalId).callbacks;
}

/** How long writes take to reach search from now on. */
export function setSearchLag(state: SandboxState, ms: number): void {
  state.options.searchLagMs = ms;
}

const clockOffsets = new WeakMap<SandboxState, { base: () => number; offset: number }>();

/** Moves the sandbox clock forward (tokens expire, auth codes age, windows roll) without waiting. */
export function advanceClock(state: SandboxState, ms: number): number {
  let c = clockOffsets.get(state);
  if (!c) {
    c = { base: state.options.now, offset: 0 };
    clockOffsets.set(state, c);
    const clock = c;
    state.options.now = () => clock.base() + clock.offset;
  }
  c.offset += ms;
  return state.now();
}

/** A sales rep drags a deal to another stage in the CRM UI: updates dealstage and emits the change (webhooks). */
export function moveDealToStage(state: SandboxState, portalId: number, dealId: string, stageId: string): StoredObject {
  const portal = portalOrThrow(state, portalId);
  const deal = portal.objects.get('deals')?.get(dealId);
  if (!deal || deal.archived) throw new ControlError(404, `unknown deal ${dealId}`);
  const pipelineId = deal.properties.pipeline ?? 'default';
  const pipeline = portal.pipelines.get('deals')?.find((p) => p.id === pipelineId);
  if (!pipeline?.stages.some((s) => s.id === stageId)) {
    throw new ControlError(400, `stage ${stageId} is not in pipeline ${pipelineId}`);
  }
  return applyUpdate(state, portal, 'deals', deal, { dealstage: stageId }, { changeSource: 'CRM_UI' });
}

/** A GDPR delete of a contact: the record goes away and subscribed apps get `contact.privacyDeletion`. */
export function privacyDeleteContact(state: SandboxState, portalId: number, contactId: string): void {
  const portal = portalOrThrow(state, portalId);
  const contact = portal.objects.get('contacts')?.get(contactId);
  if (!contact || contact.archived) throw new ControlError(404, `unknown contact ${contactId}`);
  archiveStored(state, portal, 'contacts', contact, { changeSource: 'GDPR' });
  const change: ObjectChange = {
    portalId,
    objectType: 'contacts',
    objectId: contactId,
    change: 'privacyDeletion',
    changeSource: 'GDPR',
    occurredAt: state.now(),
  };
  state.events.emit('change', change);
}

export interface PipelineInput {
  id: string;
  label: string;
  displayOrder?: number;
  /** Deals: `probability` "0.0"–"1.0" (1.0 = Closed Won, 0.0 = Closed Lost) and `isClosed`; tickets: `ticketState`. */
  stages: { id: string; label: string; probability?: string; isClosed?: boolean; ticketState?: 'OPEN' | 'CLOSED' }[];
}

const PIPELINE_PROPERTIES = {
  deals: ['pipeline', 'dealstage'],
  tickets: ['hs_pipeline', 'hs_pipeline_stage'],
} as const;

/**
 * An admin adds a pipeline in HubSpot's settings (the sandbox serves pipelines read-only). Stage ids are unique in
 * the portal, as HubSpot's are; deal stages need a probability ("For deals, probability is required with a value
 * between 0.0 and 1.0", pipelines guide). The pipeline and stage properties gain the new options too.
 */
export function addPipeline(
  state: SandboxState,
  portalId: number,
  objectType: 'deals' | 'tickets',
  input: PipelineInput,
): Pipeline {
  const portal = portalOrThrow(state, portalId);
  const existing = portal.pipelines.get(objectType) ?? [];
  if (existing.some((p) => p.id === input.id)) throw new ControlError(409, `pipeline ${input.id} already exists`);
  const taken = new Set(existing.flatMap((p) => p.stages.map((s) => s.id)));
  const clash = input.stages.find((s, i) => taken.has(s.id) || input.stages.findIndex((o) => o.id === s.id) !== i);
  if (clash) throw new ControlError(409, `stage id ${clash.id} is already used in this portal`);
  const badProbability = input.stages.find(
    (s) => objectType === 'deals' && !(Number(s.probability) >= 0 && Number(s.probability) <= 1),
  );
  if (badProbability)
    throw new ControlError(400, `deal stage ${badProbability.id} needs a probability between 0.0 and 1.0`);
  const stages = input.stages.map((s, i) => ({
    id: s.id,
    label: s.label,
    displayOrder: i,
    metadata: (objectType === 'deals'
      ? { isClosed: String(s.isClosed ?? false), probability: s.probability! }
      : { ticketState: s.ticketState ?? 'OPEN', isClosed: String(s.ticketState === 'CLOSED') }) as Record<
      string,
      string
    >,
  }));
  const pipeline: Pipeline = {
    id: input.id,
    label: input.label,
    displayOrder: input.displayOrder ?? existing.length,
    stages,
  };
  portal.pipelines.set(objectType, [...existing, pipeline]);
  const [pipelineProp, stageProp] = PIPELINE_PROPERTIES[objectType];
  const addOptions = (name: string, specs: string[]) => {
    const def = portal.properties.get(objectType)?.get(name);
    if (def)
      def.options = [...(def.options ?? []), ...specs.map((spec, i) => optionOf(spec, (def.options?.length ?? 0) + i))];
  };
  addOptions(pipelineProp, [`${input.id}:${input.label}`]);
  addOptions(
    stageProp,
    input.stages.map((s) => `${s.id}:${s.label}`),
  );
  return pipeline;
}
