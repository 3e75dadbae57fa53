import { IdFactory } from './ids.ts';
import { DEFAULT_PAIR_RATE, PairBuckets, type PairRateConfig, ThroughputWindows } from './rateLimits.ts';
import type {
  AccessTokenGrant,
  CallLogEntry,
  InboundRecord,
  MetaApp,
  PhoneNumber,
  RecipientBehaviour,
  SentMessage,
  StatusScenario,
  Template,
  Waba,
} from './types.ts';
import { type WebhookTarget, WebhookOutbox } from './webhookOutbox.ts';

export interface WhatsAppSandboxOptions {
  /** Injected clock (epoch ms): drives timestamps, the 24 h window and rate limits. */
  now: () => number;
  /** Meta's OpenAPI YAML used to validate send bodies (default: shared/whatsapp-openapi). */
  specPath?: string;
  /**
   * How free-form sends outside the 24 h window fail. 'async' (default): 200, then a `failed` status with
   * 131047, which is where Meta reports it (reference §1 table: "A (status failed), sometimes S").
   * 'sync': an immediate 131047 error response.
   */
  windowErrorMode: 'async' | 'sync';
  /**
   * Marketing templates to US (+1) numbers are not delivered since 2025-04-01 (reference §3, aws-tpl): accepted,
   * then a `failed` status with 131049 [U code]. On by default; turn off for demos that use +1 recipients.
   */
  blockUsMarketing: boolean;
  /** When each status "happens" after acceptance (webhook `timestamp`), in simulated ms. */
  statusOffsetsMs: { sent: number; delivered: number; read: number };
  /** Real-time spacing between consecutive webhooks when `autoDeliver` is on. */
  deliveryDelayMs: number;
  /** Post webhooks on timers; when off, nothing is posted until `flush()`. */
  autoDeliver: boolean;
  /** Attempts per webhook before giving up (Meta: up to 7 days; the sandbox caps it) [M]. */
  maxAttempts: number;
  retryBaseMs: number;
  webhookTimeoutMs: number;
  pairRate: PairRateConfig;
  /** Secret, callback URL and verify token of the default Meta app every new WABA subscribes. */
  appSecret: string;
  webhookUrl?: string;
  verifyToken?: string;
  /** Fixes the id salt (deterministic ids across runs); random by default. */
  idSeed?: string;
}

export const DEFAULT_OPTIONS: WhatsAppSandboxOptions = {
  now: () => Date.now(),
  windowErrorMode: 'async',
  blockUsMarketing: true,
  statusOffsetsMs: { sent: 0, delivered: 1_000, read: 5_000 },
  deliveryDelayMs: 5,
  autoDeliver: true,
  maxAttempts: 5,
  retryBaseMs: 50,
  webhookTimeoutMs: 5_000,
  pairRate: DEFAULT_PAIR_RATE,
  appSecret: 'sandbox_app_secret',
};

export const DEFAULT_APP_ID = '1000000000000001';
export const WINDOW_MS = 24 * 60 * 60 * 1000;

/** In-memory world of the WhatsApp sandbox. Control functions in accounts/templates/recipients.ts mutate it. */
export class WhatsAppSandboxState {
  readonly options: WhatsAppSandboxOptions;
  readonly ids: IdFactory;
  readonly apps = new Map<string, MetaApp>();
  readonly wabas = new Map<string, Waba>();
  readonly phoneNumbers = new Map<string, PhoneNumber>();
  readonly tokens = new Map<string, AccessTokenGrant>();
  readonly templates: Template[] = [];
  /** Keyed by wa_id (digits). */
  readonly recipients = new Map<string, RecipientBehaviour>();
  /** Scenarios for the next accepted sends, first in first out (win over recipient scenarios). */
  readonly scenarioQueue: StatusScenario[] = [];
  /** Injected synchronous failures for the next sends (e.g. 131000, 131057) to exercise retry logic. */
  readonly sendFaults: { code: number; remaining: number }[] = [];
  /** Last inbound message time per `${phoneNumberId}:${waId}`: opens the 24 h window (reference §3). */
  readonly lastInboundAt = new Map<string, number>();
  readonly sent: SentMessage[] = [];
  readonly inbound: InboundRecord[] = [];
  readonly callLog: CallLogEntry[] = [];
  readonly throughput = new ThroughputWindows();
  readonly pairs: PairBuckets;
  readonly outbox: WebhookOutbox;
  private clockOffsetMs = 0;

  constructor(options: Partial<WhatsAppSandboxOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.ids = new IdFactory(this.options.idSeed);
    this.pairs = new PairBuckets(() => this.options.pairRate);
    this.outbox = new WebhookOutbox(
      {
        autoDeliver: this.options.autoDeliver,
        maxAttempts: this.options.maxAttempts,
        retryBaseMs: this.options.retryBaseMs,
        timeoutMs: this.options.webhookTimeoutMs,
      },
      (wabaId) => this.webhookTarget(wabaId),
    );
    this.apps.set(DEFAULT_APP_ID, {
      id: DEFAULT_APP_ID,
      appSecret: this.options.appSecret,
      ...(this.options.webhookUrl ? { webhookUrl: this.options.webhookUrl } : {}),
      ...(this.options.verifyToken ? { verifyToken: this.options.verifyToken } : {}),
    });
  }

  /** Sandbox time: the injected clock plus any offset set by setClock/advanceClock. */
  now(): number {
    return this.options.now() + this.clockOffsetMs;
  }

  /** Makes now() return `epochMs` at this instant (it keeps ticking with the injected clock). */
  setClock(epochMs: number): void {
    this.clockOffsetMs = epochMs - this.options.now();
  }

  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** The callback URL and secret of the app subscribed to a WABA, if it has a URL. */
  webhookTarget(wabaId: string): WebhookTarget | undefined {
    const app = this.apps.get(this.wabas.get(wabaId)?.appId ?? '');
    return app?.webhookUrl ? { url: app.webhookUrl, appSecret: app.appSecret } : undefined;
  }

  windowKey(phoneNumberId: string, waId: string): string {
    return `${phoneNumberId}:${waId}`;
  }
}
