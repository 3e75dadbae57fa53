/** One outgoing HTTP exchange as HubSpot's delivery machinery sees it: a status and body, or why there is none. */
export type Exchange =
  | { ok: true; status: number; headers: Headers; text: string; durationMs: number }
  | { ok: false; reason: 'timeout' | 'network'; message: string; durationMs: number };

/** Sends one request with global fetch and a hard timeout (HubSpot gives up and counts it as a failure). */
export async function exchange(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number },
): Promise<Exchange> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(init.timeoutMs),
      redirect: 'manual', // HubSpot does not follow redirects from a target [M]
    });
    const text = await res.text();
    return { ok: true, status: res.status, headers: res.headers, text, durationMs: elapsed() };
  } catch (err) {
    const e = err as Error;
    const timeout = e.name === 'TimeoutError' || e.name === 'AbortError';
    return { ok: false, reason: timeout ? 'timeout' : 'network', message: e.message, durationMs: elapsed() };
  }
}

/** Real-time sleep; callers inject a faster one in tests. */
export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
