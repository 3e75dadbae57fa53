import { exchange, realSleep } from './http.ts';
import { signV1, v3Headers } from './signatures.ts';

/**
 * Delivers webhook events the way HubSpot does (reference/hubspot-api.md §10.2–10.3, hubspot-platform.md §4.2):
 * POST a JSON array of fewer than 100 events, signed v1 (`X-HubSpot-Signature`, Version v1) and v3, and retry a
 * batch on a connection failure, a timeout above 5 s or any non-2xx, with a growing `attemptNumber` (0-based).
 */

export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  objectId: number;
  propertyName?: string;
  propertyValue?: string;
  changeSource?: string;
  sourceId?: string;
  changeFlag?: string;
  [extra: string]: unknown;
}

export interface DeliverOptions {
  targetUrl: string;
  clientSecret: string;
  events: WebhookEvent[];
  /** At most this many events per request; HubSpot sends "under 100". */
  batchSize?: number;
  /** Total attempts per batch (HubSpot: the first try plus up to 10 retries over 24 h). */
  maxAttempts?: number;
  /** Delay before retry n (1-based); HubSpot spreads retries over hours, tests want milliseconds. */
  retryDelayMs?: (retry: number) => number;
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface AttemptReport {
  attemptNumber: number;
  status?: number;
  error?: string;
  durationMs: number;
}

export interface BatchReport {
  eventIds: number[];
  delivered: boolean;
  attempts: AttemptReport[];
}

const MAX_BATCH = 99;
const defaultDelay = (retry: number) => Math.min(60_000, 1_000 * 2 ** (retry - 1));

/** Sends every event, batch by batch; resolves with what happened to each batch (never throws for HTTP failures). */
export async function deliverWebhooks(opts: DeliverOptions): Promise<BatchReport[]> {
  const size = Math.min(opts.batchSize ?? MAX_BATCH, MAX_BATCH);
  const reports: BatchReport[] = [];
  for (let i = 0; i < opts.events.length; i += size) {
    reports.push(await deliverBatch(opts, opts.events.slice(i, i + size)));
  }
  return reports;
}

async function deliverBatch(opts: DeliverOptions, events: WebhookEvent[]): Promise<BatchReport> {
  const maxAttempts = opts.maxAttempts ?? 11;
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const report: BatchReport = { eventIds: events.map((e) => e.eventId), delivered: false, attempts: [] };
  for (let attemptNumber = 0; attemptNumber < maxAttempts; attemptNumber++) {
    if (attemptNumber > 0) await sleep((opts.retryDelayMs ?? defaultDelay)(attemptNumber));
    const body = JSON.stringify(events.map((e) => withAttempt(e, attemptNumber)));
    const result = await exchange(opts.targetUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-HubSpot-Signature': signV1(opts.clientSecret, body),
        'X-HubSpot-Signature-Version': 'v1',
        ...v3Headers(opts.clientSecret, 'POST', opts.targetUrl, body, now()),
      },
      body,
      timeoutMs: opts.timeoutMs ?? 5_000,
    });
    if (result.ok) {
      report.attempts.push({ attemptNumber, status: result.status, durationMs: result.durationMs });
      if (result.status >= 200 && result.status < 300) {
        report.delivered = true;
        return report;
      }
    } else {
      report.attempts.push({
        attemptNumber,
        error: `${result.reason}: ${result.message}`,
        durationMs: result.durationMs,
      });
    }
  }
  return report;
}

/** Puts attemptNumber where HubSpot's payloads have it (after subscriptionType), for byte-realistic bodies. */
function withAttempt(e: WebhookEvent, attemptNumber: number): Record<string, unknown> {
  const {
    eventId,
    subscriptionId,
    portalId,
    appId,
    occurredAt,
    subscriptionType,
    objectId,
    attemptNumber: _old,
    ...rest
  } = e;
  return { eventId, subscriptionId, portalId, appId, occurredAt, subscriptionType, attemptNumber, objectId, ...rest };
}
