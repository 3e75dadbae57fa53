/**
 * The sandbox's world, in Meta's vocabulary (reference/whatsapp.md): business accounts (WABA) own phone
 * numbers, templates and access tokens; a Meta app holds the webhook callback URL and the app secret.
 */

export type TemplateCategory = 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
/** DISABLED is Meta's state after a long pause; 132015/132016 titles are [U] (reference §1). */
export type TemplateStatus = 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';

/** A template component as Graph's GET message_templates returns it (OAS getTemplateByNameDefaultFields). */
export interface TemplateComponentDef {
  type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS';
  format?: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION';
  text?: string;
  buttons?: { type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE' | 'FLOW'; text: string; url?: string }[];
  example?: { body_text?: string[][]; header_text?: string[] };
}

export interface Template {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  category: TemplateCategory;
  status: TemplateStatus;
  components: TemplateComponentDef[];
}

export interface PhoneNumber {
  id: string;
  wabaId: string;
  /** Digits only, as webhooks' metadata.display_phone_number carries it ("15550783881"). */
  displayPhoneNumber: string;
  verifiedName: string;
  /** Messages per second (M-thru: 80 by default, 1,000 after upgrade, 20 for coexistence numbers). */
  throughputPerSecond: number;
}

export interface Waba {
  id: string;
  name: string;
  /** The Meta app subscribed to this WABA's webhooks. */
  appId: string;
}

export interface MetaApp {
  id: string;
  appSecret: string;
  webhookUrl?: string;
  verifyToken?: string;
}

export interface AccessTokenGrant {
  token: string;
  wabaId: string;
  revoked: boolean;
  /** Epoch ms after which Graph answers 190/463 (undefined: a system-user token that never expires). */
  expiresAt?: number;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** One status webhook of a plan: posted in array order; `offsetMs` is when it "happened" after acceptance. */
export interface StatusStep {
  status: DeliveryStatus;
  offsetMs: number;
  errorCode?: number;
}

/** How the statuses of a message reach the service. See statusPlan.ts for the exact sequences. */
export type StatusScenario =
  | { kind: 'normal' }
  | { kind: 'no_read' }
  | { kind: 'read_without_delivered' }
  | { kind: 'dropped'; status?: Exclude<DeliveryStatus, 'failed'> }
  | { kind: 'duplicated'; status?: Exclude<DeliveryStatus, 'failed'> }
  | { kind: 'reordered'; order?: Exclude<DeliveryStatus, 'failed'>[] }
  | { kind: 'failed'; code: number; afterSent?: boolean }
  | { kind: 'custom'; steps: StatusStep[] };

/** What a simulated WhatsApp user is like. Unset fields mean an ordinary, reachable user. */
export interface RecipientBehaviour {
  /** false → accepted with 200, then a `failed` status with 131026 (reference §1: async, A). */
  onWhatsApp?: boolean;
  /** true → MARKETING templates fail asynchronously with 131050 (reference §3 opt-out). */
  stoppedMarketing?: boolean;
  /** Status sequence for every message to this user (a queued per-message scenario wins). */
  scenario?: StatusScenario;
  /** Profile name sent in inbound webhooks' contacts[].profile.name. */
  profileName?: string;
  /** wa_id Meta reports when it differs from the digits of the number (OAS ContactProfile) [M]. */
  waId?: string;
}

/** OAS `Pricing` plus `type` (reference §2): per-message pricing (PMP) since 2025-07-01. */
export interface Pricing {
  billable: boolean;
  pricing_model: 'PMP';
  category: 'marketing' | 'utility' | 'authentication' | 'service';
  type: 'regular' | 'free_customer_service';
}

export interface SentTemplate {
  name: string;
  language: string;
  category: TemplateCategory;
  /** Body parameters rendered as text (fallback_value for currency/date_time). */
  bodyParameters: string[];
  headerParameters: unknown[];
  buttonParameters: unknown[];
}

/** An accepted send, kept for inspection (GET /_sandbox/messages). */
export interface SentMessage {
  id: string;
  phoneNumberId: string;
  wabaId: string;
  to: string;
  waId: string;
  type: string;
  text?: string;
  template?: SentTemplate;
  bizOpaqueCallbackData?: string;
  /** What status webhooks report in `pricing` (sent and delivered only, like the fixtures). */
  pricing: Pricing;
  body: Record<string, unknown>;
  acceptedAt: number;
  /** The scenario that decided the statuses (async errors become a `failed` scenario). */
  scenario: StatusScenario;
  /** Status webhooks in posting order (a dropped status is absent). */
  plannedStatuses: StatusStep[];
}

export interface InboundRecord {
  id: string;
  phoneNumberId: string;
  from: string;
  type: string;
  at: number;
  readByBusiness: boolean;
}

export interface CallLogEntry {
  at: number;
  method: string;
  path: string;
  status: number;
  errorCode?: number;
  phoneNumberId?: string;
  durationMs: number;
}
