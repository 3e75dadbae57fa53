import { createHmac, randomBytes as nodeRandomBytes, timingSafeEqual } from 'node:crypto';
import type { OAuthStatesRepo } from './oauthStatesRepo.ts';

/** "The state should expire" (RFC 6749 §10.12 leaves it to us): 10 minutes, like HubSpot's auth codes. */
export const STATE_TTL_MS = 10 * 60_000;

export type StateCheck = { ok: true } | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'reused' };

export interface OAuthStateDeps {
  clientSecret: string;
  repo: OAuthStatesRepo;
  now: () => number;
  randomBytes?: (size: number) => Buffer;
}

/**
 * The OAuth `state` parameter (CSRF protection, RFC 6749 §10.12): `<nonce>.<expiresAt>.<hmac>`.
 * Signed with a key derived from the client secret (HMAC, so the secret itself never signs user-visible
 * data), expiring after 10 minutes, and single-use: the nonce is stored at issue and consumed by
 * compare-and-swap, so a replayed callback is refused even within the 10 minutes.
 */
export function createOAuthStates(d: OAuthStateDeps) {
  const key = createHmac('sha256', d.clientSecret).update('switchboard/oauth-state/v1').digest();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest();
  const randomBytes = d.randomBytes ?? nodeRandomBytes;

  return {
    /** A fresh state for one install attempt. */
    issue(): string {
      const now = d.now();
      d.repo.prune(now - 24 * 60 * 60_000);
      const nonce = randomBytes(16).toString('base64url');
      const expiresAt = now + STATE_TTL_MS;
      d.repo.add(nonce, expiresAt);
      const payload = `${nonce}.${expiresAt.toString(36)}`;
      return `${payload}.${sign(payload).toString('base64url')}`;
    },
    /** Checks a state from the callback and uses it up; anything but `ok` means: store nothing. */
    consume(state: string | undefined): StateCheck {
      const parts = (state ?? '').split('.');
      if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p)))
        return { ok: false, reason: 'malformed' };
      const [nonce, exp, mac] = parts as [string, string, string];
      const given = Buffer.from(mac, 'base64url');
      const expected = sign(`${nonce}.${exp}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
      const now = d.now();
      if (parseInt(exp, 36) <= now) return { ok: false, reason: 'expired' };
      return d.repo.consume(nonce, now) ? { ok: true } : { ok: false, reason: 'reused' };
    },
  };
}

export type OAuthStates = ReturnType<typeof createOAuthStates>;
