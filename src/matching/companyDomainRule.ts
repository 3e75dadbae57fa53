import { chunk } from '../hubspot/batching.ts';
import { objectApis } from './crmApi.ts';
import { readAssociations } from './crmAssociations.ts';
import type { Candidate, RuleOutcome } from './contactRules.ts';
import type { EngineContext } from './engineContext.ts';
import { emailDomain, normalizeName } from './normalize.ts';
import type { CompanyMatch } from './types.ts';

/**
 * The `companyDomain` rule: the person is the contact of the company found by their email domain — when that
 * company has exactly one contact, or exactly one with the person's full name. Otherwise it is ambiguous and the
 * rule does not match. Costs one association read for all companies (≤ 1,000 per call, reference §4.1) and, only
 * for companies with several contacts, one batch read of names per 100 contacts.
 */
export async function applyCompanyDomainRule(
  ctx: EngineContext,
  candidates: readonly Candidate[],
  companyOf: (c: Candidate) => CompanyMatch,
): Promise<RuleOutcome> {
  const out: RuleOutcome = { matched: new Map(), notes: new Map() };
  const withCompany = candidates.filter((c) => companyOf(c).outcome === 'matched');
  for (const c of candidates) {
    if (companyOf(c).outcome !== 'matched')
      out.notes.set(c.index, `no existing company to match by domain (${companyOf(c).reason})`);
  }
  if (withCompany.length === 0) return out;
  const companyIds = withCompany.map((c) => companyOf(c).id!);
  const contactsOf = await readAssociations(
    ctx.lookup.hubspot,
    ctx.portalId,
    'companies',
    'contacts',
    companyIds,
    ctx.lookup.feature,
  );
  const crowded = withCompany.filter((c) => (contactsOf.get(companyOf(c).id!) ?? []).length > 1 && c.person.name);
  const names = await namesOf(
    ctx,
    crowded.flatMap((c) => contactsOf.get(companyOf(c).id!) ?? []),
  );
  for (const c of withCompany) {
    const companyId = companyOf(c).id!;
    const domain = emailDomain(c.person.email ?? '') ?? '';
    const ids = contactsOf.get(companyId) ?? [];
    const decided = decide(ids, c.person.name, names);
    if ('id' in decided) {
      out.matched.set(c.index, {
        id: decided.id,
        outcome: 'matched',
        rule: 'companyDomain',
        reason: `company domain ${domain}: ${decided.why} at company ${companyId}`,
      });
    } else out.notes.set(c.index, `company ${companyId} (${domain}) ${decided.note}`);
  }
  return out;
}

type Decision = { id: string; why: string } | { note: string };

function decide(ids: string[], name: string | undefined, names: Map<string, string>): Decision {
  if (ids.length === 0) return { note: 'has no contacts' };
  if (ids.length === 1) return { id: ids[0]!, why: `contact ${ids[0]} is the only contact` };
  const wanted = name ? normalizeName(name) : undefined;
  const same = wanted ? ids.filter((id) => names.get(id) === wanted) : [];
  if (same.length === 1) return { id: same[0]!, why: `contact ${same[0]} is the one named "${name}"` };
  return {
    note: `has ${ids.length} contacts and ${same.length === 0 ? 'none' : same.length} with this name; not guessing`,
  };
}

/** Normalized full names of contacts, read in batches of 100 (reference §2). */
async function namesOf(ctx: EngineContext, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunk([...new Set(ids)], 100)) {
    const body = await ctx.lookup.hubspot(ctx.portalId, { feature: ctx.lookup.feature, idempotent: true }, (client) =>
      objectApis(client, 'contacts').batch.read({
        inputs: part.map((id) => ({ id })),
        properties: ['firstname', 'lastname'],
        propertiesWithHistory: [],
      }),
    );
    for (const r of body.results ?? []) {
      out.set(r.id, normalizeName(`${r.properties.firstname ?? ''} ${r.properties.lastname ?? ''}`));
    }
  }
  return out;
}
