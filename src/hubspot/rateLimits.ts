/**
 * HubSpot's published burst limits (reference §11.4, from the usage-guidelines page):
 * - public (marketplace) OAuth apps: 110 requests / 10 s per installing account, search excluded,
 *   no daily limit, and the API Limit Increase does not apply;
 * - private apps: 100 / 10 s (Free, Starter), 190 / 10 s (Professional, Enterprise), 250 / 10 s with the
 *   API Limit Increase; the daily limit is per account, shared by all its private apps;
 * - search: 5 requests / s per account (reference §3), its own budget.
 * The headers on each response are the truth at run time (rateBudget.observe adjusts to them).
 */
export const WINDOW_MS = 10_000;
export const SEARCH_PER_SECOND = 5;
export const SEARCH_WINDOW_MS = 1_000;

export type HubspotTier = 'free' | 'starter' | 'professional' | 'enterprise';

/** How a portal is connected, which decides its burst limit. */
export type RateProfile =
  | { authKind: 'oauth' }
  | { authKind: 'private'; tier: HubspotTier; apiLimitIncrease?: boolean }
  | { authKind: 'custom'; perWindow: number; windowMs?: number };

/** Requests allowed per window for a profile. */
export function burstLimit(profile: RateProfile): { perWindow: number; windowMs: number } {
  switch (profile.authKind) {
    case 'oauth':
      return { perWindow: 110, windowMs: WINDOW_MS };
    case 'private': {
      if (profile.apiLimitIncrease) return { perWindow: 250, windowMs: WINDOW_MS };
      const paid = profile.tier === 'professional' || profile.tier === 'enterprise';
      return { perWindow: paid ? 190 : 100, windowMs: WINDOW_MS };
    }
    case 'custom':
      return { perWindow: profile.perWindow, windowMs: profile.windowMs ?? WINDOW_MS };
  }
}

/**
 * Holds back a fraction of a limit for callers outside this process (another instance, HubSpot's own
 * workflows using the same app). Always leaves at least one request.
 */
export function withMargin(limit: number, safetyMargin: number): number {
  return Math.max(1, Math.floor(limit * (1 - safetyMargin)));
}
