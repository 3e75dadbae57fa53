import type { CrmRecord } from './crmApi.ts';
import { contactsByEmail, contactsByName, contactsByPhone, type LookupContext } from './contactLookup.ts';
import type { EngineContext } from './engineContext.ts';
import type { MatchRule } from './matchingRules.ts';
import { keys, normalizeName, type Person } from './normalize.ts';
import type { ContactMatch } from './types.ts';

/**
 * The identifier rules (email, full name, phone): for the people still unmatched, first what we remember
 * (ids of contacts we created, which search may not show yet), then one batched search for the rest.
 * Exactly one contact with the value is a match; several are ambiguous and we do not guess.
 */
export interface Candidate {
  index: number;
  person: Person;
}

export interface RuleOutcome {
  matched: Map<number, ContactMatch>;
  /** Why the rule did not match, per candidate (joined into the no-match reason). */
  notes: Map<number, string>;
}

interface IdentifierRule {
  valueOf(p: Person): string | undefined;
  key(value: string): string;
  search(ctx: LookupContext, values: string[]): Promise<Map<string, CrmRecord[]>>;
  describe(p: Person): string;
}

const IDENTIFIER_RULES: Record<Exclude<MatchRule, 'companyDomain'>, IdentifierRule> = {
  email: {
    valueOf: (p) => p.email,
    key: keys.email,
    search: contactsByEmail,
    describe: (p) => `email ${p.email}`,
  },
  fullName: {
    valueOf: (p) => (p.name ? normalizeName(p.name) : undefined),
    key: keys.name,
    search: contactsByName,
    describe: (p) => `full name "${p.name}"`,
  },
  phone: {
    valueOf: (p) => p.phone,
    key: keys.phone,
    search: contactsByPhone,
    describe: (p) => `phone ${p.phone}`,
  },
};

const matchOf = (rule: MatchRule, id: string, reason: string): ContactMatch => ({
  id,
  outcome: 'matched',
  rule,
  reason,
});

/** Applies one identifier rule to the candidates. */
export async function applyIdentifierRule(
  ctx: EngineContext,
  rule: Exclude<MatchRule, 'companyDomain'>,
  candidates: readonly Candidate[],
): Promise<RuleOutcome> {
  const r = IDENTIFIER_RULES[rule];
  const out: RuleOutcome = { matched: new Map(), notes: new Map() };
  const usable = candidates.filter((c) => r.valueOf(c.person) !== undefined);
  for (const c of candidates) if (!r.valueOf(c.person)) out.notes.set(c.index, `no ${IDENTIFIER_LABEL[rule]} given`);
  const known = ctx.keys.findKnown(
    ctx.portalId,
    'contact',
    usable.map((c) => r.key(r.valueOf(c.person)!)),
    ctx.freshSince,
  );
  const unknown = usable.filter((c) => !known.has(r.key(r.valueOf(c.person)!)));
  for (const c of usable) {
    const k = known.get(r.key(r.valueOf(c.person)!));
    if (k)
      out.matched.set(
        c.index,
        matchOf(rule, k.id, `${r.describe(c.person)} matched contact ${k.id} (${rememberedHow(k.source)})`),
      );
  }
  const values = [...new Set(unknown.map((c) => r.valueOf(c.person)!))];
  const found = values.length > 0 ? await r.search(ctx.lookup, values) : new Map<string, CrmRecord[]>();
  for (const c of unknown) {
    const records = found.get(r.valueOf(c.person)!) ?? [];
    const what = r.describe(c.person);
    if (records.length === 1)
      out.matched.set(c.index, matchOf(rule, records[0]!.id, `${what} matched contact ${records[0]!.id}`));
    else if (records.length === 0) out.notes.set(c.index, `no contact with ${what}`);
    else
      out.notes.set(
        c.index,
        `${what} matches ${records.length} contacts (${records.map((x) => x.id).join(', ')}); not guessing`,
      );
  }
  return out;
}

const IDENTIFIER_LABEL = { email: 'email', fullName: 'full name', phone: 'phone' } as const;

function rememberedHow(source: string): string {
  if (source === 'existing') return 'remembered from HubSpot’s duplicate-email answer';
  return 'created by Switchboard moments ago; search may not show it yet';
}
