import type { WebhookEvent } from './caller/deliverWebhooks.ts';
import type { ObjectChange, SandboxState, WebhookAppConfig, WebhookSubscription } from './state.ts';

/**
 * Turns a record change into the webhook events an app's subscriptions ask for (reference/hubspot-api.md §10.2,
 * hubspot-platform.md §4.1–4.2). Pure apart from the event-id counter, so it is easy to test.
 */

// Legacy subscription prefixes HubSpot offers (§10.1 eventType enum).
const LEGACY_PREFIX: Record<string, string> = {
  contacts: 'contact',
  companies: 'company',
  deals: 'deal',
  tickets: 'ticket',
  products: 'product',
  line_items: 'line_item',
};
const TYPE_IDS: Record<string, string> = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  tickets: '0-5',
  products: '0-7',
  line_items: '0-8',
  communications: '0-18',
  tasks: '0-27',
  notes: '0-46',
  meetings: '0-47',
};
// `objectType` in hsmeta crmObjects is singular ('deal'); the state speaks plurals.
const SINGULAR: Record<string, string> = Object.fromEntries(
  Object.keys(TYPE_IDS).map((plural) => [plural, plural === 'companies' ? 'company' : plural.replace(/s$/, '')]),
);

let nextEventId = 3_816_279_000 + Math.floor(Math.random() * 100_000);

/** Whether the portal receives this app's events: listed explicitly, or it holds a live install of the app. */
export function appInstalledIn(state: SandboxState, app: WebhookAppConfig, portalId: number): boolean {
  if (app.portalIds) return app.portalIds.includes(portalId);
  for (const r of state.refreshTokens.values()) {
    if (r.portalId === portalId && !r.revoked && state.clients.get(r.clientId)?.appId === app.appId) return true;
  }
  return false;
}

function subscriptionTypeFor(sub: WebhookSubscription, c: ObjectChange): string | undefined {
  if (sub.subscriptionType.startsWith('object.')) {
    if (sub.objectType !== SINGULAR[c.objectType] && sub.objectType !== c.objectType) return undefined;
    return sub.subscriptionType === `object.${c.change}` ? sub.subscriptionType : undefined;
  }
  const prefix = LEGACY_PREFIX[c.objectType];
  if (!prefix) return undefined;
  return sub.subscriptionType === `${prefix}.${c.change}` ? sub.subscriptionType : undefined;
}

/** The events (without attemptNumber) one change produces for one app. */
export function eventsFor(app: WebhookAppConfig, c: ObjectChange): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  for (const sub of app.subscriptions) {
    if (!sub.active) continue;
    const subscriptionType = subscriptionTypeFor(sub, c);
    if (!subscriptionType) continue;
    // A propertyChange subscription is always for one named property (webhooks-hsmeta propertyName).
    if (c.change === 'propertyChange' && sub.propertyName !== c.propertyName) continue;
    nextEventId += 1 + Math.floor(Math.random() * 10);
    const event: WebhookEvent = {
      eventId: nextEventId,
      subscriptionId: sub.id,
      portalId: c.portalId,
      appId: app.appId,
      occurredAt: c.occurredAt,
      subscriptionType,
      objectId: Number(c.objectId),
    };
    if (c.change === 'propertyChange') {
      event.propertyName = c.propertyName;
      event.propertyValue = c.propertyValue ?? '';
    }
    event.changeSource = c.changeSource;
    if (c.change === 'creation') event.changeFlag = 'NEW';
    if (c.change === 'deletion') event.changeFlag = 'DELETED';
    if (subscriptionType.startsWith('object.')) event.objectTypeId = TYPE_IDS[c.objectType]; // [M]
    events.push(event);
  }
  return events;
}
