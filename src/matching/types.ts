import type { MatchRule, NoMatchAction } from './matchingRules.ts';
import type { Person } from './normalize.ts';

/**
 * What matching decided for one person, and why, in words a rep can read on the card
 * ("email matched contact 123", "created: no contact with email x").
 */
export type ContactOutcome = 'matched' | 'created' | 'default' | 'skipped' | 'failed';

export interface ContactMatch {
  id: string | null;
  outcome: ContactOutcome;
  /** The rule that decided: a primary rule for a match, the no-match action otherwise. */
  rule: MatchRule | NoMatchAction;
  reason: string;
  /** For `failed`: whether trying again later may succeed (rate limit, outage) or not (invalid data). */
  retryable?: boolean;
}

export type CompanyOutcome = 'matched' | 'created' | 'none' | 'failed';

export interface CompanyMatch {
  id: string | null;
  outcome: CompanyOutcome;
  rule: 'emailDomain';
  reason: string;
  retryable?: boolean;
}

export interface PersonMatch {
  /** The person as matched (normalized identifiers). */
  person: Person;
  contact: ContactMatch;
  company: CompanyMatch;
}
