/** The matching engine's public surface (shared by sessions, WhatsApp inbound and order customers). */
export { createMatchingEngine, type MatchingEngine } from './matchingEngine.ts';
export type { MatchingDeps } from './engineContext.ts';
export { createMatchingKeysRepo, type MatchingKeysRepo } from './matchingKeysRepo.ts';
export { createMatchingRulesRepo, type MatchingRulesRepo } from './matchingRulesRepo.ts';
export { DEFAULT_MATCHING_RULES, MatchingRules, MatchRule, NoMatchAction } from './matchingRules.ts';
export { FREE_MAIL_DOMAINS, isFreeMailDomain } from './freeMailDomains.ts';
export { emailDomain, normalizeDomain, normalizeEmail, normalizePerson, type Person } from './normalize.ts';
export type { CompanyMatch, CompanyOutcome, ContactMatch, ContactOutcome, PersonMatch } from './types.ts';
