import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The app's scopes have ONE source: `extensions/app/app-hsmeta.json` (`config.auth.requiredScopes` /
 * `optionalScopes`), the file `hs project upload` sends. The install URL asks for exactly these, because
 * HubSpot blocks an install whose `scope` differs from the app's requiredScopes (hubspot-platform.md §8 [M]),
 * and the "missing required scope" checks compare against the same list.
 */
export interface AppScopes {
  required: readonly string[];
  optional: readonly string[];
}

const AppMeta = z.object({
  config: z.object({
    auth: z.object({
      requiredScopes: z.array(z.string().min(1)).min(1),
      optionalScopes: z.array(z.string().min(1)).default([]),
    }),
  }),
});

/** Reads the scopes from the app's hsmeta file; throws naming the file when it is unreadable. */
export function loadAppScopes(path: string): AppScopes {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the app's scopes from ${path}: ${(err as Error).message}`);
  }
  const result = AppMeta.safeParse(parsed);
  if (!result.success) throw new Error(`${path}: config.auth.requiredScopes is missing or not a list of scopes`);
  const { requiredScopes, optionalScopes } = result.data.config.auth;
  return { required: requiredScopes, optional: optionalScopes };
}

/**
 * Required scopes a private-app token must hold. `oauth` is the OAuth flow's own scope and private apps
 * never have it [M]; everything else the app needs, a private app needs too.
 */
export const privateAppRequiredScopes = (scopes: AppScopes): string[] => scopes.required.filter((s) => s !== 'oauth');

/** Required scopes not in `granted`, in the app's order. */
export function missingScopes(required: readonly string[], granted: readonly string[]): string[] {
  const have = new Set(granted);
  return required.filter((s) => !have.has(s));
}
