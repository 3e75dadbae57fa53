import { EventEmitter } from 'node:events';

/**
 * In-memory world of the HubSpot sandbox: many portals, the OAuth app(s) and the call log.
 * Everything a route reads or writes lives here, so tests can inspect it and the state can be saved to a file.
 */

export type Tier = 'free' | 'starter' | 'professional' | 'enterprise';
export type AuthKind = 'oauth' | 'private';

export interface StoredObject {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  /** ISO time of archiving (HubSpot's `archivedAt`), set by the CRM store on DELETE / batch archive. */
  archivedAt?: string;
  /** Epoch ms from which the record (in its latest version) is visible to search: models HubSpot's index lag. */
  searchableAt: number;
  /** Snapshot search sees until `searchableAt` has passed (undefined: not yet indexed at all). */
  indexed?: { properties: Record<string, string>; archived: boolean };
}

export interface PropertyOption {
  label: string;
  value: string;
  hidden: boolean;
  displayOrder?: number;
  description?: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  groupName: string;
  type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' | 'phone_number';
  fieldType: string;
  description?: string;
  options?: PropertyOption[];
  hasUniqueValue?: boolean;
  hubspotDefined?: boolean;
  displayOrder?: number;
  /** Options come from elsewhere (e.g. hubspot_owner_id lists owners): value checks must not use `options`. */
  externalOptions?: boolean;
  /** Set by HubSpot only (hs_object_id, createdate, ...): writes to it are rejected. */
  readOnlyValue?: boolean;
  hidden?: boolean;
  formField?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

export interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  metadata: Record<string, string>; // deals: { isClosed: 'true'|'false', probability: '1.0' }
}

export interface Pipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStage[];
}

export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  teams: { id: string; name: string; primary: boolean }[];
}

export interface AssociationRecord {
  fromType: string; // canonical plural object type, e.g. 'contacts'
  fromId: string;
  toType: string;
  toId: string;
  types: {
    category: 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';
    typeId: number;
    label: string | null;
  }[];
}

export interface AppEventType {
  /** The fully qualified name occurrences must use (also accepted: the app-event uid). */
  name: string;
  uid: string;
  objectType: string; // 'CONTACT' | 'COMPANY' | 'DEAL' | ...
  properties: { name: string; type: string; options?: { value: string }[] }[];
}

export interface AppEventOccurrence {
  eventTypeName: string;
  id: string;
  objectId?: string;
  email?: string;
  timestamp: string;
  properties: Record<string, string>;
  extraData?: unknown;
}

export interface CallbackCompletion {
  callbackId: string;
  outputFields: Record<string, string>;
  completedAt: number;
}

export type FaultKind = '429' | '500' | '502' | '423' | 'slow' | 'drop';
export interface Fault {
  kind: FaultKind;
  remaining: number;
  delayMs?: number; // for 'slow'
}

export interface Portal {
  id: number;
  name: string;
  domain: string;
  timezone: string;
  tier: Tier;
  /** Whether the portal's installed app may post timeline app events (HubSpot must approve the feature). */
  appEventsEnabled: boolean;
  objects: Map<string, Map<string, StoredObject>>; // objectType (plural) -> id -> object
  nextId: number;
  properties: Map<string, Map<string, PropertyDefinition>>; // objectType -> name -> definition
  propertyGroups: Map<string, Map<string, PropertyGroup>>;
  pipelines: Map<string, Pipeline[]>; // 'deals' | 'tickets'
  owners: Owner[];
  associations: AssociationRecord[];
  appEventTypes: Map<string, AppEventType>;
  timeline: AppEventOccurrence[];
  callbacks: CallbackCompletion[];
  faults: Fault[];
  dailyCalls: { day: string; count: number };
  /** API Limit Increase purchased: private-app burst 250 / 10 s and +1,000,000 daily (reference/hubspot-api.md §11.4). */
  apiLimitIncrease?: boolean;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  appId: number;
  redirectUrls: string[];
}

export interface AccessToken {
  token: string;
  kind: AuthKind;
  portalId: number;
  appId: number;
  scopes: string[];
  expiresAt: number; // epoch ms; Infinity for private-app tokens
  userEmail?: string;
  userId?: number;
  clientId?: string;
  revoked?: boolean;
  /** OAuth: the refresh token this access token was minted from (revoking a portal's tokens follows it). */
  refreshToken?: string;
}

export interface RefreshToken {
  token: string;
  portalId: number;
  clientId: string;
  scopes: string[];
  userEmail: string;
  userId: number;
  revoked: boolean;
}

export interface AuthCode {
  code: string;
  portalId: number;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export interface CallLogEntry {
  at: number;
  method: string;
  path: string;
  status: number;
  portalId: number | null;
  authKind: AuthKind | null;
  durationMs: number;
}

export interface SandboxOptions {
  /** How long a write takes to become visible to search (HubSpot: "a few moments"). */
  searchLagMs: number;
  /** Access-token lifetime handed out by /oauth/v1/token (HubSpot: 1800 s). */
  accessTokenTtlSeconds: number;
  /** Whether rate limits are enforced (on by default: strictness is the point). */
  enforceRateLimits: boolean;
  /** Injected clock (epoch ms). */
  now: () => number;
  /** Length of the rolling burst window (HubSpot: 10 000 ms); tests may shorten it. */
  rateLimitWindowMs?: number;
  /** Length of the search window that allows 5 requests (HubSpot: 1 000 ms). */
  searchRateWindowMs?: number;
  /** Most call-log entries kept (oldest dropped first), so long benchmarks do not grow memory without bound. */
  callLogLimit?: number;
}

/** One webhook subscription of an app, as in webhooks-hsmeta.json `legacyCrmObjects` / `hubEvents` (hubspot-platform.md §4.1). */
export interface WebhookSubscription {
  id: number;
  subscriptionType: string; // e.g. 'deal.propertyChange', 'contact.creation', 'contact.privacyDeletion'
  propertyName?: string;
  /** Generic `object.*` subscriptions (webhooks-hsmeta `crmObjects`) name the object type, e.g. 'deal'. */
  objectType?: string;
  active: boolean;
}

/** Where and how HubSpot tells an app about CRM changes in the portals that installed it. */
export interface WebhookAppConfig {
  appId: number;
  targetUrl: string;
  clientSecret: string;
  subscriptions: WebhookSubscription[];
  /** Portals that receive events; absent = every portal holding a live refresh token of one of the app's clients. */
  portalIds?: number[];
}

export interface ObjectChange {
  portalId: number;
  objectType: string;
  objectId: string;
  /** 'privacyDeletion': a GDPR delete of a contact (webhook `contact.privacyDeletion`). */
  change: 'creation' | 'propertyChange' | 'deletion' | 'privacyDeletion';
  propertyName?: string;
  propertyValue?: string;
  changeSource: string;
  occurredAt: number;
}

export class SandboxState {
  readonly portals = new Map<number, Portal>();
  readonly clients = new Map<string, OAuthClient>();
  readonly accessTokens = new Map<string, AccessToken>();
  readonly refreshTokens = new Map<string, RefreshToken>();
  readonly authCodes = new Map<string, AuthCode>();
  readonly callLog: CallLogEntry[] = [];
  /** Webhook settings per app id (read by webhookEmitter.ts). */
  readonly webhookApps = new Map<number, WebhookAppConfig>();
  /** Emits 'change' (ObjectChange) on every record write, so the webhook emitter can tell the service. */
  readonly events = new EventEmitter();

  constructor(readonly options: SandboxOptions) {}

  now(): number {
    return this.options.now();
  }

  portal(id: number): Portal | undefined {
    return this.portals.get(id);
  }
}
