import { signWebhookBody, signWebhookBodySha1 } from './signature.ts';

/**
 * Queue of webhook POSTs to the service, as Meta's delivery behaves (reference/whatsapp.md §3 "Webhook
 * delivery"): success only on HTTP 200, failures retried with exponential backoff. Meta retries for up to
 * 7 days; the sandbox caps attempts (`maxAttempts`) so tests end. [M] Deliveries go out one at a time in
 * order, so sequences are deterministic; ordering surprises are produced on purpose by scenarios.
 *
 * Two ways to drive it: `autoDeliver` posts after short real-time delays; `flush()` posts everything
 * pending now (retries included, without waiting for backoff) and resolves when the queue is empty.
 */

export interface WebhookTarget {
  url: string;
  appSecret: string;
}

export interface DeliveryAttempt {
  at: number;
  httpStatus?: number;
  error?: string;
}

export interface WebhookDelivery {
  seq: number;
  wabaId: string;
  kind: 'status' | 'inbound';
  rawBody: string;
  /** Real-time ms after which auto delivery may post it. */
  dueAt: number;
  state: 'pending' | 'delivered' | 'gave_up' | 'no_url';
  attempts: DeliveryAttempt[];
  /** For inspection: wamid and status (status webhooks) or inbound message id. */
  messageId: string;
  status?: string;
}

export interface OutboxOptions {
  autoDeliver: boolean;
  maxAttempts: number;
  retryBaseMs: number;
  timeoutMs: number;
}

export interface FlushReport {
  attempts: number;
  delivered: number;
  gaveUp: number;
  noUrl: number;
}

export class WebhookOutbox {
  readonly deliveries: WebhookDelivery[] = [];
  private seq = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly options: OutboxOptions,
    /** Resolved at post time: the app's current callback URL and secret (undefined: none configured). */
    private readonly target: (wabaId: string) => WebhookTarget | undefined,
  ) {}

  /** Queues one webhook body; it is serialized now, so what is signed is exactly what is sent. */
  enqueue(input: {
    wabaId: string;
    kind: WebhookDelivery['kind'];
    payload: unknown;
    delayMs: number;
    messageId: string;
    status?: string;
  }): WebhookDelivery {
    this.seq += 1;
    const delivery: WebhookDelivery = {
      seq: this.seq,
      wabaId: input.wabaId,
      kind: input.kind,
      rawBody: JSON.stringify(input.payload),
      dueAt: Date.now() + input.delayMs,
      state: 'pending',
      attempts: [],
      messageId: input.messageId,
      ...(input.status ? { status: input.status } : {}),
    };
    this.deliveries.push(delivery);
    this.schedule(delivery);
    return delivery;
  }

  pending(): WebhookDelivery[] {
    return this.deliveries.filter((d) => d.state === 'pending').sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
  }

  /** Posts every pending webhook, retrying failures immediately up to the cap; resolves when none is left. */
  flush(): Promise<FlushReport> {
    const run = this.chain.then(async () => {
      const report: FlushReport = { attempts: 0, delivered: 0, gaveUp: 0, noUrl: 0 };
      for (let batch = this.pending(); batch.length > 0; batch = this.pending()) {
        for (const d of batch) await this.post(d, report);
      }
      return report;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Stops auto delivery timers (pending webhooks stay inspectable and flushable). */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private schedule(d: WebhookDelivery): void {
    if (!this.options.autoDeliver || this.closed) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.chain = this.chain.then(() => this.postDue()).catch(() => undefined);
      },
      Math.max(0, d.dueAt - Date.now()),
    );
    timer.unref();
    this.timers.add(timer);
  }

  private async postDue(): Promise<void> {
    const report: FlushReport = { attempts: 0, delivered: 0, gaveUp: 0, noUrl: 0 };
    for (const d of this.pending()) if (d.dueAt <= Date.now()) await this.post(d, report);
  }

  private async post(d: WebhookDelivery, report: FlushReport): Promise<void> {
    if (d.state !== 'pending') return;
    const target = this.target(d.wabaId);
    if (!target) {
      d.state = 'no_url';
      report.noUrl += 1;
      return;
    }
    report.attempts += 1;
    const attempt: DeliveryAttempt = { at: Date.now() };
    d.attempts.push(attempt);
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'facebookexternalua',
          'x-hub-signature-256': signWebhookBody(target.appSecret, d.rawBody),
          'x-hub-signature': signWebhookBodySha1(target.appSecret, d.rawBody),
        },
        body: d.rawBody,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      attempt.httpStatus = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      attempt.error = err instanceof Error ? err.message : String(err);
    }
    // Meta counts only 200 as success (reference §3); anything else is retried.
    if (attempt.httpStatus === 200) {
      d.state = 'delivered';
      report.delivered += 1;
    } else if (d.attempts.length >= this.options.maxAttempts) {
      d.state = 'gave_up';
      report.gaveUp += 1;
    } else {
      d.dueAt = Date.now() + this.options.retryBaseMs * 2 ** (d.attempts.length - 1);
      this.schedule(d);
    }
  }
}
