import { ASSOCIATION_TYPE, associationTo, type CreateInput } from './crmApi.ts';
import type { Candidate } from './contactRules.ts';
import { type CreateOutcome, createOnce } from './createOnce.ts';
import type { EngineContext } from './engineContext.ts';
import { identityKey, keys, type Person, splitName } from './normalize.ts';
import type { CompanyMatch, ContactMatch } from './types.ts';

/**
 * What happens to a person no rule matched (issue 8 §2): create the contact, skip the person, or use the
 * portal's default contact. `why` says what the rules tried ("no contact with email x").
 */
export async function settleUnmatched(
  ctx: EngineContext,
  unmatched: readonly Candidate[],
  why: (c: Candidate) => string,
  companyOf: (c: Candidate) => CompanyMatch,
): Promise<Map<number, ContactMatch>> {
  const out = new Map<number, ContactMatch>();
  const action = ctx.rules.onNoMatch;
  if (action === 'skip') {
    for (const c of unmatched)
      out.set(c.index, { id: null, outcome: 'skipped', rule: 'skip', reason: `skipped: ${why(c)}` });
    return out;
  }
  if (action === 'defaultContact') {
    const id = ctx.rules.defaultContactId!;
    for (const c of unmatched) {
      out.set(c.index, { id, outcome: 'default', rule: 'defaultContact', reason: `default contact ${id}: ${why(c)}` });
    }
    return out;
  }
  const creatable = unmatched.filter((c) => canCreate(ctx, c.person));
  for (const c of unmatched) {
    if (!creatable.includes(c))
      out.set(c.index, { id: null, outcome: 'skipped', rule: 'create', reason: notCreated(c, why) });
  }
  const requests = creatable.map((c) => ({
    key: identityKey(c.person)!,
    input: createInput(c.person, companyOf(c)),
    aliases: aliasKeys(c.person),
  }));
  const outcomes = await createOnce(ctx.create, 'contact', 'contacts', requests);
  for (const c of creatable) out.set(c.index, createdMatch(outcomes.get(identityKey(c.person)!)!, c, why));
  return out;
}

function canCreate(ctx: EngineContext, p: Person): boolean {
  return identityKey(p) !== undefined && (p.email !== undefined || !ctx.rules.requireEmailToCreate);
}

function notCreated(c: Candidate, why: (c: Candidate) => string): string {
  const because =
    identityKey(c.person) === undefined
      ? 'nothing to create a contact from'
      : 'no email (the rules create contacts only from an email)';
  return `not created: ${because}; ${why(c)}`;
}

function createInput(p: Person, company: CompanyMatch): CreateInput {
  const properties: Record<string, string> = {};
  if (p.email) properties.email = p.email;
  if (p.name) {
    const { firstname, lastname } = splitName(p.name);
    properties.firstname = firstname;
    if (lastname) properties.lastname = lastname;
  }
  if (p.phone) properties.phone = p.phone;
  if (p.company) properties.company = p.company;
  const associations = company.id ? [associationTo(company.id, ASSOCIATION_TYPE.contactToCompany)] : [];
  return { properties, associations };
}

/** A created contact's other identifiers, so rules by name or phone find it before search does. */
function aliasKeys(p: Person): string[] {
  const all = [p.email && keys.email(p.email), p.name && keys.name(p.name), p.phone && keys.phone(p.phone)];
  return all.filter((k): k is string => typeof k === 'string' && k !== identityKey(p));
}

function createdMatch(o: CreateOutcome, c: Candidate, why: (c: Candidate) => string): ContactMatch {
  if ('error' in o) {
    const reason = `could not create the contact: ${o.error.message}`;
    return { id: null, outcome: 'failed', rule: 'create', reason, retryable: o.retryable };
  }
  const reason =
    o.how === 'created'
      ? `created: ${why(c)}`
      : o.how === 'existing'
        ? `HubSpot already had contact ${o.id} with email ${c.person.email} (409 Existing ID); search had not shown it`
        : `created moments ago by a concurrent sync: contact ${o.id}`;
  return { id: o.id, outcome: o.how === 'created' ? 'created' : 'matched', rule: 'create', reason };
}
