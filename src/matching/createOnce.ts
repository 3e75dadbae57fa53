import { randomUUID } from 'node:crypto';
import { type ItemError, runInBatches, withTraceIds } from '../hubspot/batching.ts';
import type { HubspotCall } from '../hubspot/hubspotCall.ts';
import { type CreateInput, type CrmObjectType, objectApis } from './crmApi.ts';
import type { KeyObjectType, MatchingKeysRepo } from './matchingKeysRepo.ts';

/**
 * Creates each keyed record at most once, even when many syncs (in this process or another sharing the database)
 * want the same new contact at the same moment and search cannot see it yet (reference §3, eventual consistency):
 * 1. reserve the key locally (a PRIMARY KEY insert: exactly one caller wins);
 * 2. winners batch-create (≤ 100 per call, each input with an objectWriteTraceId so a 207 names it, §2);
 * 3. a 409 "Contact already exists. Existing ID: n" (a contact created outside our knowledge) yields n;
 * 4. losers poll the key until the winner stores the id, or take it over when the winner's lease runs out.
 */
export interface CreateOnceDeps {
  hubspot: HubspotCall;
  keys: MatchingKeysRepo;
  portalId: number;
  feature: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** How long a reservation holds before others may take it over (a crashed creator). */
  leaseMs: number;
  /** Remembered ids older than this (ms) are re-checked by search instead of trusted. */
  rememberMs: number;
  pollMs: number;
}

export interface CreateRequest {
  key: string;
  input: CreateInput;
  /** More keys for the same record, remembered after it exists (a created contact's name and phone). */
  aliases?: string[];
}

export type CreateOutcome =
  | { id: string; how: 'created' | 'existing' | 'concurrent' }
  | { error: ItemError; retryable: boolean };

const EXISTING_ID = /Existing ID:\s*(\d+)/;

/** The id in HubSpot's duplicate-contact 409 message (reference §2, sandbox README "409 Existing ID"). */
export function existingIdOf(error: ItemError): string | undefined {
  return error.status === 409 ? EXISTING_ID.exec(error.message)?.[1] : undefined;
}

async function batchCreate(deps: CreateOnceDeps, type: CrmObjectType, inputs: CreateInput[]) {
  return runInBatches(withTraceIds(inputs), (chunk) =>
    deps.hubspot(deps.portalId, { feature: deps.feature, idempotent: false }, (client) =>
      objectApis(client, type).batch.create({ inputs: chunk }),
    ),
  );
}

/** Creates the records of `requests` (unique keys) that nobody created yet; returns an outcome per key. */
export async function createOnce(
  deps: CreateOnceDeps,
  keyType: KeyObjectType,
  crmType: CrmObjectType,
  requests: readonly CreateRequest[],
): Promise<Map<string, CreateOutcome>> {
  const owner = randomUUID();
  const outcomes = new Map<string, CreateOutcome>();
  const deadline = deps.now() + 2 * deps.leaseMs;
  let pending = [...new Map(requests.map((r) => [r.key, r])).values()];
  while (pending.length > 0) {
    const { won, held } = reserveAll(deps, keyType, owner, pending, outcomes);
    if (won.length > 0) await createWon(deps, keyType, crmType, owner, won, outcomes);
    if (held.length > 0 && deps.now() > deadline) {
      const error = { status: 0, category: 'LOCKED', message: 'another sync is still creating this record' };
      for (const r of held) outcomes.set(r.key, { error, retryable: true });
      break;
    }
    if (held.length > 0) await deps.sleep(deps.pollMs);
    pending = held;
  }
  return outcomes;
}

/** Reserves every key it can; keys someone else resolved meanwhile are settled as `concurrent`. */
function reserveAll(
  deps: CreateOnceDeps,
  keyType: KeyObjectType,
  owner: string,
  pending: readonly CreateRequest[],
  outcomes: Map<string, CreateOutcome>,
) {
  const won: CreateRequest[] = [];
  const held: CreateRequest[] = [];
  for (const r of pending) {
    const now = deps.now();
    const o = { owner, now, leaseMs: deps.leaseMs, staleBefore: now - deps.rememberMs };
    const res = deps.keys.reserve(deps.portalId, keyType, r.key, o);
    if (res.status === 'won') won.push(r);
    else if (res.status === 'held') held.push(r);
    else outcomes.set(r.key, { id: res.id, how: 'concurrent' });
  }
  return { won, held };
}

async function createWon(
  deps: CreateOnceDeps,
  keyType: KeyObjectType,
  crmType: CrmObjectType,
  owner: string,
  won: CreateRequest[],
  outcomes: Map<string, CreateOutcome>,
): Promise<void> {
  const results = await batchCreate(
    deps,
    crmType,
    won.map((r) => r.input),
  );
  results.forEach((res, i) => {
    const r = won[i]!;
    const now = deps.now();
    const known = res.ok ? { id: res.result.id, source: 'created' as const } : existing(res.error, won.length);
    if (!known) {
      const error = (res as { error: ItemError }).error;
      deps.keys.release(deps.portalId, keyType, r.key, owner);
      outcomes.set(r.key, { error, retryable: isRetryable(error) });
      return;
    }
    deps.keys.resolve(deps.portalId, keyType, r.key, owner, known, now);
    for (const alias of r.aliases ?? []) {
      deps.keys.remember(deps.portalId, keyType, alias, { id: known.id, source: 'alias' }, now);
    }
    outcomes.set(r.key, { id: known.id, how: known.source });
  });
}

// A 409 is attributable only to an input HubSpot named (207 context) or to the only input of the request.
function existing(error: ItemError, inputs: number) {
  const named = error.context?.objectWriteTraceId !== undefined || inputs === 1;
  const id = named ? existingIdOf(error) : undefined;
  return id ? { id, source: 'existing' as const } : undefined;
}

/** Validation errors repeat on retry; rate limits, outages and unknown outcomes do not. */
function isRetryable(error: ItemError): boolean {
  return error.status === 0 || error.status === 429 || error.status >= 500 || error.status === 423;
}
