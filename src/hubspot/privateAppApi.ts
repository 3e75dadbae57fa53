import { z } from 'zod';
import { AppError } from '../errors.ts';
import { type AppCallSettings, withAppRetries } from './appCalls.ts';
import { runRawAttempt } from './attempt.ts';
import type { SecretValue } from './credentials.ts';

/**
 * What HubSpot says about a private-app token: `POST /oauth/v2/private-apps/get/access-token-info` with
 * `{"tokenKey": "pat-…"}` → `{userId, hubId, appId, scopes}`. [U] Not in our reference; the path and the shape
 * are what integrations commonly call (no SDK method exists). The token travels in the body, to the same host
 * its Authorization header would reach.
 */
const TokenInfo = z.object({
  hubId: z.number().int().positive(),
  appId: z.number().int().optional(),
  userId: z.number().int().optional(),
  scopes: z.array(z.string()),
});
export type PrivateAppTokenInfo = z.infer<typeof TokenInfo>;

export const PRIVATE_APP_TOKEN_INFO_PATH = '/oauth/v2/private-apps/get/access-token-info';

/** The portal and scopes of a private-app token; AppError `validation` when HubSpot does not accept it. */
export async function privateAppTokenInfo(settings: AppCallSettings, token: SecretValue): Promise<PrivateAppTokenInfo> {
  const req = { method: 'POST' as const, path: PRIVATE_APP_TOKEN_INFO_PATH, body: { tokenKey: token.reveal() } };
  const send = () => runRawAttempt(settings.apiBaseUrl, undefined, req, settings.timeoutMs ?? 30_000);
  const refused = (status?: number) =>
    status !== undefined && status >= 400 && status < 500 && status !== 429
      ? new AppError(
          'validation',
          `HubSpot does not accept this private-app token (HTTP ${status}): check it was copied whole and is not revoked`,
        )
      : undefined;
  const raw = await withAppRetries(send, { ...settings, idempotent: true, special: (f) => refused(f.status) });
  const parsed = TokenInfo.safeParse(raw.body);
  if (!parsed.success)
    throw new AppError('upstream_unavailable', 'HubSpot answered the token info in an unknown shape');
  return parsed.data;
}
