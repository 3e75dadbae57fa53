import { readFileSync } from 'node:fs';
import { signV1, v3Headers } from '../../sandbox/hubspot/caller/index.ts';

export interface SignedDelivery {
  /** Outside the JS heap: a long run holds hundreds of MB of them, which the garbage collector need not walk. */
  body: Buffer;
  headers: Record<string, string>;
}

/** One event shaped like HubSpot's (§12.1): half deal stage changes, then deal and contact creations. */
function freshEvent(portalId: number, eventId: number, i: number) {
  const kind = i % 10;
  const objectId = 1 + Math.floor(Math.random() * 20_000);
  const base = { eventId, portalId, appId: 54321, occurredAt: Date.now() + i, attemptNumber: 0 };
  if (kind < 5) {
    return {
      ...base,
      subscriptionId: 25,
      subscriptionType: 'deal.propertyChange',
      objectId,
      propertyName: 'dealstage',
      propertyValue: 'closedwon',
      changeSource: 'CRM_UI',
      sourceId: 'userId:529872',
    };
  }
  const deal = kind < 7;
  const subscriptionType = deal ? 'deal.creation' : 'contact.creation';
  return {
    ...base,
    subscriptionId: deal ? 20 : 22,
    subscriptionType,
    objectId,
    changeFlag: 'NEW',
    changeSource: 'CRM',
  };
}

/** Redeliveries are drawn from this many most recent events (HubSpot retries recent ones). */
const REDELIVERY_WINDOW = 20_000;

/**
 * Deliveries of `perBatch` events, some of them redeliveries of recent ones, signed as HubSpot signs them
 * (v1 + v3, hubspot-api.md §10.3) at `signedAt`. Signing ahead keeps the load generator's own CPU out of the
 * measurement; the service verifies every signature as usual (v3 accepts 5 minutes of age). Events are kept as
 * JSON only, and only the recent ones: the generator's heap stays small, so its GC pauses stay out of latencies.
 */
export function makeDeliveries(o: {
  url: string;
  secret: string;
  portalId: number;
  batches: number;
  perBatch: number;
  duplicateShare: number;
  signedAt: number;
}): SignedDelivery[] {
  let eventId = 4_000_000_000;
  const recent: string[] = [];
  return Array.from({ length: o.batches }, (_, b) => {
    const events = Array.from({ length: o.perBatch }, (_, i) => {
      if (recent.length > 0 && Math.random() < o.duplicateShare) {
        return recent[Math.floor(Math.random() * recent.length)]!;
      }
      const e = JSON.stringify(freshEvent(o.portalId, ++eventId, b * o.perBatch + i));
      recent[(eventId - 4_000_000_001) % REDELIVERY_WINDOW] = e;
      return e;
    });
    const body = `[${events.join(',')}]`;
    const headers = {
      'Content-Type': 'application/json',
      'X-HubSpot-Signature': signV1(o.secret, body),
      'X-HubSpot-Signature-Version': 'v1',
      ...v3Headers(o.secret, 'POST', o.url, body, o.signedAt),
    };
    return { body: Buffer.from(body), headers };
  });
}

/** POSTs one delivery; resolves with the latency in ms, or rejects on anything but 200. */
export async function deliver(url: string, d: SignedDelivery): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: d.headers, body: d.body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  return performance.now() - started;
}

/** CPU seconds (user + system) a process has used so far (Linux /proc; NaN elsewhere). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return Number.NaN;
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface PhaseResult {
  label: string;
  latencies: number[];
  failures: number;
  seconds: number;
  serverCpuSeconds: number;
  perBatch: number;
}

export function summary(r: PhaseResult): string {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const rate = Math.round((r.latencies.length * r.perBatch) / r.seconds).toLocaleString('en-US');
  const cpu = (r.serverCpuSeconds * 1_000) / Math.max(1, r.latencies.length);
  return [
    `${r.label.padEnd(30)} ${rate.padStart(7)} events/s`,
    `${r.latencies.length} requests in ${r.seconds.toFixed(1)} s${r.failures ? `, ${r.failures} failed` : ''}`,
    `p50 ${ms(percentile(sorted, 50))}  p99 ${ms(percentile(sorted, 99))}  max ${ms(sorted.at(-1) ?? Number.NaN)}`,
    `service CPU ${cpu.toFixed(2)} ms/request`,
  ].join('  |  ');
}
