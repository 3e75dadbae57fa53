/** Small URL helpers shared by the URL/origin rules and the origin generator. */

/** Hostnames HubSpot's servers can never reach; permittedUrls must not use them (reference §1.3, §2.3). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    host === '0.0.0.0' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

export function tryParseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

export const isLoopbackUrl = (value: string): boolean => {
  const url = tryParseUrl(value);
  return url !== undefined && isLoopbackHost(url.hostname);
};

/** Why a URL cannot be used for something HubSpot calls or fetches, or undefined when it is fine. */
export function publicHttpsProblem(value: string): string | undefined {
  const url = tryParseUrl(value);
  if (!url) return `"${value}" is not an absolute URL`;
  if (url.protocol !== 'https:') return `"${value}" must use https (HubSpot only calls HTTPS URLs)`;
  if (isLoopbackHost(url.hostname)) return `"${value}" points at localhost, which HubSpot's servers cannot reach`;
  return undefined;
}

/** Replace scheme + authority of `value` with `origin`, keeping path, query and fragment byte for byte. */
export function withOrigin(value: string, origin: string): string {
  const rest = value.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/, '');
  return `${origin}${rest}`;
}

/**
 * Accept `https://host[:port]` (a trailing slash is tolerated) and return the canonical origin.
 * Throws with a message fit for a CLI user otherwise.
 */
export function normalizeOrigin(value: string): string {
  const trimmed = value.trim();
  const issue = publicHttpsProblem(trimmed);
  if (issue) throw new Error(`origin ${issue}`);
  const url = new URL(trimmed);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error(`origin "${value}" must be scheme and host only, e.g. https://api.example.com`);
  }
  return url.origin;
}
