import type { MatchingEngine, PersonMatch } from '../../matching/index.ts';
import type { Participant } from '../sessionSchema.ts';
import type { StoredSession } from '../sessionStore.ts';
import type { ParticipantResult } from '../syncResult.ts';
import type { SyncOptions } from '../syncOptions.ts';

/**
 * Participants of many sessions matched in ONE engine call (people shared between sessions are looked up once).
 * Participants who are HubSpot users of the portal (owners) are the portal's own reps: they are not contacts,
 * and the first one owns the meeting.
 */
function internal(p: Participant, owners: Map<string, string>, options: SyncOptions): ParticipantResult | undefined {
  const ownerId = options.skipInternalParticipants && p.email ? owners.get(p.email) : undefined;
  if (!ownerId) return undefined;
  return {
    name: p.name ?? null,
    email: p.email ?? null,
    internalOwnerId: ownerId,
    contact: {
      id: null,
      outcome: 'skipped',
      rule: 'skip',
      reason: `internal: ${p.email} is HubSpot user (owner ${ownerId})`,
    },
    company: { id: null, outcome: 'none', rule: 'emailDomain', reason: 'internal participant' },
  };
}

const external = (p: Participant, m: PersonMatch): ParticipantResult => ({
  name: p.name ?? null,
  email: p.email ?? null,
  internalOwnerId: null,
  contact: m.contact,
  company: m.company,
});

/** Participant results per session id, in each session's participant order. */
export async function matchSessionParticipants(
  matching: MatchingEngine,
  portalId: number,
  sessions: readonly StoredSession[],
  owners: Map<string, string>,
  options: SyncOptions,
): Promise<Map<string, ParticipantResult[]>> {
  const people = sessions.flatMap((s) => s.session.participants.filter((p) => !internal(p, owners, options)));
  const matches = await matching.matchPeople(portalId, people);
  let next = 0;
  const out = new Map<string, ParticipantResult[]>();
  for (const s of sessions) {
    const results = s.session.participants.map((p) => internal(p, owners, options) ?? external(p, matches[next++]!));
    out.set(s.session.sessionId, results);
  }
  return out;
}

/** Why a session cannot be synced yet because matching failed for a participant, or undefined. */
export function matchingFailure(
  results: readonly ParticipantResult[],
): { reason: string; retryable: boolean } | undefined {
  const failed = results.filter((r) => r.contact.outcome === 'failed' || r.company.outcome === 'failed');
  if (failed.length === 0) return undefined;
  const first = failed[0]!;
  const reason = first.contact.outcome === 'failed' ? first.contact.reason : first.company.reason;
  const retryable = failed.every((r) => (r.contact.retryable ?? true) && (r.company.retryable ?? true));
  return { reason: `matching ${first.email ?? first.name ?? 'a participant'} failed: ${reason}`, retryable };
}
