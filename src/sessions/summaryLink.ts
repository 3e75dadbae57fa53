import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Links to a session's full summary (`GET /sessions/:portalId/:sessionId?k=…&sig=…`), put on the meeting
 * (hs_meeting_external_url) and in the timeline event. HubSpot shows them to anyone who can see the record, and a
 * browser opening them carries no HubSpot signature, so the link itself is the credential: an HMAC of portal +
 * session that only this service can make. Knowing a session id is not enough, and one portal's link never opens
 * another portal's session.
 *
 * The HMAC key is derived (HKDF, its own label) from a token-encryption key, named in the link by its id (`k`):
 * timeline events are immutable, so a link must keep working after key rotation for as long as the old key
 * stays in TOKEN_ENCRYPTION_KEYS. Removing a key retires the links made with it.
 */
export interface LinkKey {
  readonly id: string;
  material(): Buffer;
}

export interface LinkKeyring {
  readonly active: LinkKey;
  get(id: string): LinkKey | undefined;
}

const INFO = 'switchboard/session-summary-link/v1';

export function createSummaryLinks(o: { publicOrigin: string; keyring: LinkKeyring }) {
  const derived = new Map<string, Buffer>();
  const keyOf = (key: LinkKey): Buffer => {
    let k = derived.get(key.id);
    if (!k) {
      k = Buffer.from(hkdfSync('sha256', key.material(), Buffer.alloc(0), INFO, 32));
      derived.set(key.id, k);
    }
    return k;
  };
  const mac = (key: LinkKey, portalId: number, sessionId: string) =>
    createHmac('sha256', keyOf(key)).update(`${portalId}\n${sessionId}`).digest();

  return {
    /** The signed absolute URL of a session's summary page. */
    url(portalId: number, sessionId: string): string {
      const key = o.keyring.active;
      const sig = mac(key, portalId, sessionId).toString('base64url');
      const path = `/sessions/${portalId}/${encodeURIComponent(sessionId)}`;
      return `${o.publicOrigin}${path}?k=${encodeURIComponent(key.id)}&sig=${sig}`;
    },
    /** Whether `sig` was made by this service for exactly this portal and session (constant-time compare). */
    verify(portalId: number, sessionId: string, keyId: string, sig: string): boolean {
      const key = o.keyring.get(keyId);
      if (!key) return false;
      const given = Buffer.from(sig, 'base64url');
      const expected = mac(key, portalId, sessionId);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export type SummaryLinks = ReturnType<typeof createSummaryLinks>;
