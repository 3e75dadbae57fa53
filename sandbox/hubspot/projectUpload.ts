import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type AppEventHsmeta, appEventTypeFromHsmeta, registerAppEventType } from './crm/appEvents.ts';
import type { Portal, SandboxState, WebhookSubscription } from './state.ts';
import { configureWebhooks } from './webhookEmitter.ts';

/**
 * What `hs project upload` leaves behind at HubSpot, for a project directory (`extensions/` by default): the app's
 * webhook subscriptions (webhooks component, hubspot-platform.md §4.1) pointed at `targetUrl`, and its app-event
 * types (app-events components, §3.1) known to the given portals. Lets the demo, end-to-end tests and benchmarks
 * run against exactly the subscriptions and templates the project declares. [M] the sandbox keeps event types per
 * portal; HubSpot keeps them per app.
 */
export const PROJECT_APP_DIR = resolve(import.meta.dirname, '../../extensions/app');

interface HsmetaSubscription {
  subscriptionType: string;
  propertyName?: string;
  objectType?: string;
  active?: boolean;
}

interface WebhooksHsmeta {
  config: {
    subscriptions: Record<'crmObjects' | 'legacyCrmObjects' | 'hubEvents', HsmetaSubscription[] | undefined>;
  };
}

const hsmetaFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('-hsmeta.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);

/** Every subscription the webhooks component declares, numbered as HubSpot would give them ids. */
export function projectSubscriptions(appDir = PROJECT_APP_DIR): WebhookSubscription[] {
  const [meta] = hsmetaFiles(join(appDir, 'webhooks')) as WebhooksHsmeta[];
  const { crmObjects = [], legacyCrmObjects = [], hubEvents = [] } = meta?.config.subscriptions ?? {};
  return [...legacyCrmObjects, ...crmObjects, ...hubEvents].map((s, i) => ({
    id: i + 1,
    subscriptionType: s.subscriptionType,
    ...(s.propertyName ? { propertyName: s.propertyName } : {}),
    ...(s.objectType ? { objectType: s.objectType } : {}),
    active: s.active ?? true,
  }));
}

export interface ProjectUpload {
  appId: number;
  clientSecret: string;
  /** Where webhooks go (the hsmeta's targetUrl names production; a local run names the local service). */
  targetUrl: string;
  portals: Portal[];
  appDir?: string;
}

/** Configures the app's webhooks and registers its app-event types in the portals. */
export function uploadProject(state: SandboxState, u: ProjectUpload): WebhookSubscription[] {
  const appDir = u.appDir ?? PROJECT_APP_DIR;
  const subscriptions = projectSubscriptions(appDir);
  configureWebhooks(state, { appId: u.appId, targetUrl: u.targetUrl, clientSecret: u.clientSecret, subscriptions });
  declareAppEvents(u.portals, appDir);
  return subscriptions;
}

/** The project's app-event types, known to these portals (the app-events half of an upload). */
export function declareAppEvents(portals: Portal[], appDir = PROJECT_APP_DIR): void {
  const eventTypes = (hsmetaFiles(join(appDir, 'app-events')) as AppEventHsmeta[]).map((m) =>
    appEventTypeFromHsmeta(m),
  );
  for (const portal of portals) for (const type of eventTypes) registerAppEventType(portal, type);
}
