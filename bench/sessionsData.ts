import type { Client } from '@hubspot/api-client';
import type { Session } from '../src/sessions/sessionSchema.ts';
import { parseSession } from '../src/sessions/sessionSchema.ts';

/**
 * The bench's world: 1,500 people at 300 companies (every fifth person writes from a free-mail address), of whom
 * the first 500 already exist in HubSpot with their companies and 100 of them have an open deal. Sessions draw
 * 3 people each, deterministically, so repeat customers appear across sessions as they do in real use.
 */
export const PEOPLE = 1_500;
const COMPANIES = 300;
const EXISTING = 500;
const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com'];

export function person(n: number) {
  const domain = n % 5 === 4 ? FREE_MAIL[n % 3]! : `company${n % COMPANIES}.example`;
  return { name: `Person${n} Bench`, email: `person${n}@${domain}`, company: `Company ${n % COMPANIES}` };
}

/** Session i: three different people, two action items (one assigned to a rep), a recommended deal update. */
export function benchSession(i: number, reps: readonly string[]): Session {
  const pick = (k: number) => person((i * 7 + k * 331) % PEOPLE);
  return parseSession({
    sessionId: `bench-${i}`,
    title: `Call ${i}`,
    startTime: new Date(Date.UTC(2026, 2, 1) + i * 600_000).toISOString(),
    durationSeconds: 1_800,
    participants: [pick(0), pick(1), pick(2)],
    summary: {
      brief: `Conversation ${i}: pricing and rollout.`,
      keyPoints: ['Pricing discussed', 'Rollout in Q2'],
      actionItems: [
        {
          title: `Send proposal ${i}`,
          priority: 'HIGH',
          dueDate: '2026-04-01',
          assigneeEmail: reps[i % Math.max(1, reps.length)],
        },
        { title: `Schedule follow-up ${i}`, priority: 'MEDIUM' },
      ],
      nextSteps: ['Follow up next week'],
      sentiment: (['positive', 'neutral', 'mixed', 'negative'] as const)[i % 4],
      insights: ['Budget holder joined'],
    },
  });
}

/** Existing contacts (associated with their companies) and open deals, created through the API in batches. */
export async function seedPortal(client: Client) {
  const domains = [...new Set(Array.from({ length: EXISTING }, (_, n) => person(n).email.split('@')[1]!))].filter(
    (d) => !FREE_MAIL.includes(d),
  );
  const companyIds = new Map<string, string>();
  for (let i = 0; i < domains.length; i += 100) {
    const inputs = domains
      .slice(i, i + 100)
      .map((domain) => ({ properties: { domain, name: domain }, associations: [] }));
    const res = await client.crm.companies.batchApi.create({ inputs });
    for (const c of res.results) companyIds.set(c.properties.domain!, c.id);
  }
  const contactIds: string[] = [];
  for (let i = 0; i < EXISTING; i += 100) {
    const inputs = Array.from({ length: Math.min(100, EXISTING - i) }, (_, k) => {
      const p = person(i + k);
      const company = companyIds.get(p.email.split('@')[1]!);
      const associations = company
        ? [
            {
              to: { id: company },
              types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 279 }],
            },
          ]
        : [];
      return { properties: { email: p.email, firstname: `Person${i + k}`, lastname: 'Bench' }, associations };
    });
    contactIds.push(...(await client.crm.contacts.batchApi.create({ inputs })).results.map((r) => r.id));
  }
  const deals = contactIds.slice(0, 100).map((id, n) => ({
    properties: { dealname: `Deal ${n}`, dealstage: 'qualifiedtobuy', pipeline: 'default', amount: '10000' },
    associations: [{ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 3 }] }],
  }));
  await client.crm.deals.batchApi.create({ inputs: deals });
  return { contacts: contactIds.length, companies: companyIds.size, deals: deals.length };
}
