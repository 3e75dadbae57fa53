import type { HubspotCall } from '../hubspot/hubspotCall.ts';
import type { LookupContext } from './contactLookup.ts';
import type { CreateOnceDeps } from './createOnce.ts';
import type { MatchingKeysRepo } from './matchingKeysRepo.ts';
import type { MatchingRules } from './matchingRules.ts';
import type { MatchingRulesRepo } from './matchingRulesRepo.ts';

/** What the matching engine needs from outside; everything but hubspot and the repos has a default. */
export interface MatchingDeps {
  hubspot: HubspotCall;
  keys: MatchingKeysRepo;
  rules: MatchingRulesRepo;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** A creator's reservation lasts this long (default 60 s); a crashed creator is taken over after it. */
  leaseMs?: number;
  /** Trust ids we remembered for this long (default 15 min) — far beyond HubSpot's search lag of "a few moments". */
  rememberMs?: number;
  /** How often a waiting caller looks for the winner's id (default 100 ms). */
  pollMs?: number;
  /** Usage-ledger feature name (default `matching`). */
  feature?: string;
}

/** One matching run for one portal. */
export interface EngineContext {
  portalId: number;
  rules: MatchingRules;
  keys: MatchingKeysRepo;
  lookup: LookupContext;
  create: CreateOnceDeps;
  now: () => number;
  /** Remembered ids learned before this are not trusted any more. */
  freshSince: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function engineContext(deps: MatchingDeps, portalId: number, rules: MatchingRules): EngineContext {
  const now = deps.now ?? Date.now;
  const feature = deps.feature ?? 'matching';
  const rememberMs = deps.rememberMs ?? 15 * 60_000;
  return {
    portalId,
    rules,
    keys: deps.keys,
    lookup: { hubspot: deps.hubspot, portalId, feature },
    now,
    freshSince: now() - rememberMs,
    create: {
      hubspot: deps.hubspot,
      keys: deps.keys,
      portalId,
      feature,
      now,
      sleep: deps.sleep ?? realSleep,
      leaseMs: deps.leaseMs ?? 60_000,
      rememberMs,
      pollMs: deps.pollMs ?? 100,
    },
  };
}
