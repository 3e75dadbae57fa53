import { type GraphErrorReply, tokenError } from './graphErrors.ts';
import type { WhatsAppSandboxState } from './state.ts';
import type { AccessTokenGrant } from './types.ts';

/**
 * Graph access tokens: `Authorization: Bearer <token>` (reference §1) or, as Graph also accepts, the
 * `access_token` query parameter. Every failure is code 190 with HTTP 401 (reference §1 table).
 */
export type AuthResult = { ok: true; grant: AccessTokenGrant } | { ok: false; reply: GraphErrorReply };

export function authorize(
  state: WhatsAppSandboxState,
  authorization: string | undefined,
  queryToken: string | undefined,
): AuthResult {
  const fromHeader = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  const token = fromHeader ?? queryToken;
  if (!token) {
    return { ok: false, reply: tokenError(authorization ? 'malformed' : 'missing') };
  }
  const grant = state.tokens.get(token);
  // [M] A revoked token answers like an unknown one; Graph's invalidated-session subcodes are not modelled.
  if (!grant || grant.revoked) return { ok: false, reply: tokenError('malformed') };
  if (grant.expiresAt !== undefined && grant.expiresAt <= state.now()) {
    return { ok: false, reply: tokenError('expired', new Date(grant.expiresAt)) };
  }
  return { ok: true, grant };
}
