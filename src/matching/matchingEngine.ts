import { companyDomainOf, resolveCompanies } from './companyResolver.ts';
import { applyCompanyDomainRule } from './companyDomainRule.ts';
import { applyIdentifierRule, type Candidate, type RuleOutcome } from './contactRules.ts';
import { type EngineContext, engineContext, type MatchingDeps } from './engineContext.ts';
import type { MatchRule } from './matchingRules.ts';
import { settleUnmatched } from './noMatch.ts';
import { normalizePerson, type Person } from './normalize.ts';
import type { CompanyMatch, ContactMatch, PersonMatch } from './types.ts';

/**
 * The matching engine (issue 8 §2), shared by sessions, WhatsApp inbound and order customers: finds each person's
 * contact by the portal's rules, in order, and their company by email domain; what no rule matched is created,
 * skipped or sent to a default contact. Batch-first: N people cost one search per rule and identifier chunk
 * (~80 emails per search within the 3,000-character body limit), not N searches.
 */
export function createMatchingEngine(deps: MatchingDeps) {
  return {
    /** One decision per person, in input order; the same person twice gets the same decision. */
    async matchPeople(portalId: number, people: readonly Person[]): Promise<PersonMatch[]> {
      const ctx = engineContext(deps, portalId, deps.rules.get(portalId));
      const normalized = people.map(normalizePerson);
      const signature = (p: Person) => JSON.stringify([p.email, p.name, p.phone, p.company]);
      const unique = [...new Map(normalized.map((p) => [signature(p), p])).values()];
      const candidates = unique.map((person, index) => ({ index, person }));
      const companies = await matchCompanies(ctx, candidates);
      const contacts = await matchContacts(ctx, candidates, (c) => companies.get(c.index)!);
      const byIndex = new Map(unique.map((p, i) => [signature(p), i]));
      return normalized.map((person) => {
        const i = byIndex.get(signature(person))!;
        return { person, contact: contacts.get(i)!, company: companies.get(i)! };
      });
    },
  };
}

export type MatchingEngine = ReturnType<typeof createMatchingEngine>;

async function matchCompanies(ctx: EngineContext, candidates: Candidate[]): Promise<Map<number, CompanyMatch>> {
  const out = new Map<number, CompanyMatch>();
  const withDomain: { c: Candidate; domain: string }[] = [];
  for (const c of candidates) {
    const d = companyDomainOf(ctx, c.person);
    if ('skip' in d) out.set(c.index, d.skip);
    else withDomain.push({ c, domain: d.domain });
  }
  const nameOf = (domain: string) =>
    withDomain.find((x) => x.domain === domain && x.c.person.company)?.c.person.company ?? domain;
  const byDomain = await resolveCompanies(
    ctx,
    withDomain.map((x) => x.domain),
    nameOf,
  );
  for (const { c, domain } of withDomain) out.set(c.index, byDomain.get(domain)!);
  return out;
}

async function matchContacts(
  ctx: EngineContext,
  candidates: Candidate[],
  companyOf: (c: Candidate) => CompanyMatch,
): Promise<Map<number, ContactMatch>> {
  const decided = new Map<number, ContactMatch>();
  const notes = new Map<number, string[]>();
  let open = candidates;
  for (const rule of ctx.rules.primary) {
    if (open.length === 0) break;
    const result = await applyRule(ctx, rule, open, companyOf);
    for (const [i, m] of result.matched) decided.set(i, m);
    for (const [i, n] of result.notes) notes.set(i, [...(notes.get(i) ?? []), n]);
    open = open.filter((c) => !decided.has(c.index));
  }
  const why = (c: Candidate) => (notes.get(c.index) ?? []).join('; ') || 'no rule matched';
  for (const [i, m] of await settleUnmatched(ctx, open, why, companyOf)) decided.set(i, m);
  return decided;
}

function applyRule(
  ctx: EngineContext,
  rule: MatchRule,
  open: Candidate[],
  companyOf: (c: Candidate) => CompanyMatch,
): Promise<RuleOutcome> {
  return rule === 'companyDomain' ? applyCompanyDomainRule(ctx, open, companyOf) : applyIdentifierRule(ctx, rule, open);
}
