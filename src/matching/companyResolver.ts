import { companiesByDomain } from './contactLookup.ts';
import { createOnce } from './createOnce.ts';
import type { EngineContext } from './engineContext.ts';
import { isFreeMailDomain } from './freeMailDomains.ts';
import { emailDomain, keys, type Person } from './normalize.ts';
import type { CompanyMatch } from './types.ts';

/**
 * Company by the email's domain (issue 8 §2): free-mail domains never count; a domain is looked up in what we
 * remember, then in HubSpot (one search for many domains); missing companies are created when the rules allow.
 * HubSpot does not enforce unique company domains [U], so the local reservation is our only guard against two
 * syncs creating the same company.
 */
const none = (reason: string): CompanyMatch => ({ id: null, outcome: 'none', rule: 'emailDomain', reason });

/** The domain to look up for a person, or the reason there is none. */
export function companyDomainOf(ctx: EngineContext, p: Person): { domain: string } | { skip: CompanyMatch } {
  const opts = ctx.rules.companies;
  if (!opts.matchByEmailDomain) return { skip: none('company matching by email domain is off') };
  const domain = p.email ? emailDomain(p.email) : undefined;
  if (!domain) return { skip: none('no email domain to find a company by') };
  if (isFreeMailDomain(domain, opts.extraFreeMailDomains)) {
    return { skip: none(`free-mail domain ${domain}: no company`) };
  }
  return { domain };
}

/** Resolves every domain once; returns a decision per domain. */
export async function resolveCompanies(
  ctx: EngineContext,
  domains: readonly string[],
  nameOf: (domain: string) => string,
): Promise<Map<string, CompanyMatch>> {
  const out = new Map<string, CompanyMatch>();
  const unique = [...new Set(domains)];
  const known = ctx.keys.findKnown(ctx.portalId, 'company', unique.map(keys.domain), ctx.freshSince);
  const toSearch: string[] = [];
  for (const d of unique) {
    const k = known.get(keys.domain(d));
    if (k) out.set(d, matched(k.id, `email domain ${d} matched company ${k.id} (remembered from an earlier sync)`));
    else toSearch.push(d);
  }
  const found = toSearch.length > 0 ? await companiesByDomain(ctx.lookup, toSearch) : new Map();
  const missing: string[] = [];
  for (const d of toSearch) {
    const records = [...(found.get(d) ?? [])].sort((a, b) => Number(a.id) - Number(b.id));
    if (records.length === 0) missing.push(d);
    else
      out.set(
        d,
        matched(
          records[0]!.id,
          domainReason(
            d,
            records.map((r) => r.id),
          ),
        ),
      );
  }
  for (const [d, m] of await createMissing(ctx, missing, nameOf)) out.set(d, m);
  return out;
}

function matched(id: string, reason: string): CompanyMatch {
  return { id, outcome: 'matched', rule: 'emailDomain', reason };
}

function domainReason(domain: string, ids: string[]): string {
  if (ids.length === 1) return `email domain ${domain} matched company ${ids[0]}`;
  return `email domain ${domain} matched ${ids.length} companies (${ids.join(', ')}); using the oldest, ${ids[0]}`;
}

async function createMissing(ctx: EngineContext, domains: string[], nameOf: (d: string) => string) {
  const out = new Map<string, CompanyMatch>();
  if (domains.length === 0) return out;
  if (!ctx.rules.companies.createIfMissing) {
    for (const d of domains) out.set(d, none(`no company with domain ${d}, and creating companies is off`));
    return out;
  }
  const requests = domains.map((d) => ({
    key: keys.domain(d),
    input: { properties: { domain: d, name: nameOf(d) } },
  }));
  const created = await createOnce(ctx.create, 'company', 'companies', requests);
  for (const d of domains) {
    const o = created.get(keys.domain(d))!;
    if ('error' in o) {
      const reason = `could not create a company for ${d}: ${o.error.message}`;
      out.set(d, { id: null, outcome: 'failed', rule: 'emailDomain', reason, retryable: o.retryable });
    } else {
      const how = o.how === 'concurrent' ? 'created moments ago by a concurrent sync' : 'created';
      out.set(d, { id: o.id, outcome: 'created', rule: 'emailDomain', reason: `${how}: no company with domain ${d}` });
    }
  }
  return out;
}
