import type { Db } from '../../db/openDatabase.ts';
import { AppError } from '../../errors.ts';
import type { HubspotCall } from '../../hubspot/hubspotCall.ts';
import {
  createMatchingEngine,
  createMatchingKeysRepo,
  createMatchingRulesRepo,
  type MatchingRules,
  type MatchingRulesRepo,
  type PersonMatch,
} from '../../matching/index.ts';
import { nationalSpellings } from './phoneSpellings.ts';

/**
 * The contact of a WhatsApp number, through the shared matching engine (src/matching) with its phone rule only:
 * one search for every spelling (phoneSpellings.ts) over `phone` and `mobilephone`, digits compared locally, and
 * the ids the engine remembers of contacts it created moments ago (search lags, reference §3). Several contacts
 * with the number are ambiguous: the engine does not guess, and neither do we (undefined).
 *
 * What happens when nothing matches:
 * - `lookup` (default): nothing; the effect stays unmatched (runCrmEffects reports it).
 * - `portalRules`: the portal's own no-match setting (issue 8 §2): create the contact from the number, skip, or use
 *   the default contact. A WhatsApp sender has no email, so "create" only happens where the admin turned off
 *   "create contacts only from an email" (`requireEmailToCreate`); created once per number (createOnce.ts).
 */
export type UnmatchedPhone = 'lookup' | 'portalRules';

export interface PhoneLookupDeps {
  db: Db;
  hubspot: HubspotCall;
  now?: () => number;
  /** Per portal; default `lookup` everywhere. */
  unmatched?: (portalId: number) => UnmatchedPhone;
}

/** The portal's rules narrowed to what a phone number can tell: the phone rule, no company by email domain. */
function phoneRules(portal: MatchingRules, unmatched: UnmatchedPhone): MatchingRules {
  return {
    ...portal,
    primary: ['phone'],
    ...(unmatched === 'lookup' ? { onNoMatch: 'skip' as const } : {}),
    companies: { ...portal.companies, matchByEmailDomain: false },
  };
}

function rulesRepo(portal: MatchingRulesRepo, unmatched: UnmatchedPhone): MatchingRulesRepo {
  return { ...portal, get: (portalId) => phoneRules(portal.get(portalId), unmatched) };
}

function idOf(match: PersonMatch | undefined): string | undefined {
  const c = match?.contact;
  if (c?.outcome === 'failed') {
    throw new AppError(c.retryable ? 'upstream_unavailable' : 'validation', `WhatsApp contact: ${c.reason}`);
  }
  return c?.id ?? undefined;
}

export function createPhoneLookup(deps: PhoneLookupDeps) {
  const keys = createMatchingKeysRepo(deps.db);
  const portalRules = createMatchingRulesRepo(deps.db, deps.now);
  const engine = (unmatched: UnmatchedPhone) =>
    createMatchingEngine({
      hubspot: deps.hubspot,
      keys,
      rules: rulesRepo(portalRules, unmatched),
      feature: 'whatsapp',
      ...(deps.now ? { now: deps.now } : {}),
    });
  const lookupOnly = engine('lookup');
  const followPortal = engine('portalRules');

  return {
    /** The contact id for an E.164 number, or undefined when none (or several) match. */
    async findContactIdByPhone(portalId: number, e164: string): Promise<string | undefined> {
      const spellings = [e164, ...nationalSpellings(e164)];
      const matches = await lookupOnly.matchPeople(
        portalId,
        spellings.map((phone) => ({ phone })),
      );
      const ids = new Set(matches.map(idOf).filter((id): id is string => id !== undefined));
      if (ids.size === 1) return [...ids][0];
      if (ids.size > 1 || (deps.unmatched?.(portalId) ?? 'lookup') === 'lookup') return undefined;
      // Nothing matched any spelling: the portal's no-match action, for the E.164 form only (one contact, not three).
      const [settled] = await followPortal.matchPeople(portalId, [{ phone: e164 }]);
      return idOf(settled);
    },
  };
}
