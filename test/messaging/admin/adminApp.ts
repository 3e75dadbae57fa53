import express from 'express';
import request from 'supertest';
import { createInstallationsRepo } from '../../../src/connections/installationsRepo.ts';
import { createPortalFieldsRepo, type DiscoveredField } from '../../../src/connections/portalFieldsRepo.ts';
import { Secret } from '../../../src/connections/secret.ts';
import { createCampaignEngine } from '../../../src/messaging/campaigns/engine.ts';
import { createPortalProviders } from '../../../src/messaging/portalProviders.ts';
import { createWhatsAppSecrets } from '../../../src/messaging/whatsappSecrets.ts';
import { adminAuth } from '../../../server/middleware/adminAuth.ts';
import { errorHandler, notFound } from '../../../server/middleware/errorHandler.ts';
import { signV3 } from '../../../server/middleware/hubspotSignature.ts';
import { requireHubspotSignature } from '../../../server/middleware/requireHubspotSignature.ts';
import { type WhatsAppAdminDeps, whatsappAdminRoutes } from '../../../server/routes/whatsappAdmin.ts';
import { DEMO } from '../../../sandbox/whatsapp/index.ts';
import type { Json } from '../../connections/support/adminClient.ts';
import { keyEntry, vaultFor } from '../../connections/vaultFixtures.ts';
import { captureLogs, TEST_ORIGIN, TEST_SECRET } from '../../support/testApp.ts';
import { InMemoryCrm } from '../fakeCrm.ts';
import { GRAPH_VERSION, messagingDb, PORTAL } from '../messagingFixtures.ts';

export { PORTAL };
/** A second installed portal: what it stores must never reach PORTAL's admin, and the other way round. */
export const OTHER = 202;
export const ADMIN_TOKEN = 'operator-token-whatsapp-0123456789-abcdef';

/** Who calls: the operator (bearer ADMIN_TOKEN) or a portal's settings page (HubSpot v3 signature). */
export type Caller = { operator: true } | { signedFor: number } | { anonymous: true };
export const operator: Caller = { operator: true };

/** A PUT account body for the sandbox's demo business, with overrides. */
export const demoAccountBody = (overrides: Record<string, unknown> = {}) => ({
  businessAccountId: DEMO.wabaId,
  numbers: [{ phoneNumberId: DEMO.phoneNumberId, displayNumber: DEMO.displayPhoneNumber, label: 'Sales' }],
  accessToken: DEMO.token,
  appSecret: 'meta-app-secret-0123456789',
  verifyToken: 'verify-token-abcdef-123456',
  ...overrides,
});

/** A discovered HubSpot property, as field discovery stores it. */
export const field = (objectType: DiscoveredField['objectType'], name: string, type = 'string'): DiscoveredField => ({
  objectType,
  name,
  label: name,
  type,
  fieldType: type === 'string' ? 'text' : type,
  description: '',
  groupName: null,
  options: [],
  hubspotDefined: true,
  refreshedAt: '2026-03-01T00:00:00.000Z',
});

/**
 * The WhatsApp admin routes mounted as server/routes/admin.ts mounts every `extraRoutes` router (after adminAuth,
 * signed v3 or operator bearer), over a migrated in-memory database with two installed portals, real repositories,
 * the real vault and portal providers pointed at `graphBaseUrl` (the WhatsApp sandbox when a test syncs).
 */
export function whatsappAdminApp(o: { graphBaseUrl?: string } = {}) {
  const w = messagingDb();
  const installations = createInstallationsRepo(w.db);
  installations.upsert(
    { portalId: OTHER, authKind: 'oauth', status: 'active', statusReason: null, hubDomain: null },
    new Date(w.clock.now()),
  );
  const secrets = createWhatsAppSecrets(w.db, vaultFor(keyEntry('k1')), w.clock.now);
  const providers = createPortalProviders({
    accounts: w.accounts,
    secrets,
    graph: { baseUrl: o.graphBaseUrl ?? 'http://127.0.0.1:9', version: GRAPH_VERSION },
  });
  const fieldsRepo = createPortalFieldsRepo(w.db);
  const refreshes: number[] = [];
  const deps: WhatsAppAdminDeps = {
    ...w,
    installations,
    secrets,
    providers,
    // The real cache of discovered fields; discovery itself (a HubSpot call) is counted, not run.
    fields: {
      list: (portalId, objectType) => fieldsRepo.list(portalId, objectType),
      refresh: async (portalId) => void refreshes.push(portalId),
    },
    engine: createCampaignEngine({ ...w, crm: new InMemoryCrm() }),
    publicOrigin: TEST_ORIGIN,
    now: w.clock.now,
  };
  const logs = captureLogs();
  const signed = requireHubspotSignature({
    clientSecret: TEST_SECRET,
    publicOrigin: TEST_ORIGIN,
    now: Date.now,
    accept: 'v3',
    bodyLimit: '100kb',
  });
  const app = express();
  app.use('/admin', adminAuth({ adminToken: new Secret(ADMIN_TOKEN), signed, bodyLimit: '100kb' }));
  app.use('/admin', whatsappAdminRoutes(deps));
  app.use(notFound);
  app.use(errorHandler(logs.logger));

  /** One admin request; `path` starts at /admin. */
  async function call(
    as: Caller,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const target = 'signedFor' in as ? `${path}${path.includes('?') ? '&' : '?'}portalId=${as.signedFor}` : path;
    let req = request(app)[method.toLowerCase() as 'get' | 'put' | 'post' | 'patch'](target);
    if ('operator' in as) req = req.set('authorization', `Bearer ${ADMIN_TOKEN}`);
    if ('signedFor' in as) {
      const timestamp = String(Date.now());
      req = req
        .set('x-hubspot-signature-v3', signV3(TEST_SECRET, method, `${TEST_ORIGIN}${target}`, raw, timestamp))
        .set('x-hubspot-request-timestamp', timestamp);
    }
    if (raw !== '') req = req.set('content-type', 'application/json').send(raw);
    const res = await req;
    return { status: res.status, body: res.body as Json };
  }

  const base = (portalId = PORTAL) => `/admin/portals/${portalId}/whatsapp`;
  return {
    ...w,
    app,
    deps,
    secrets,
    installations,
    fieldsRepo,
    refreshes,
    logs: logs.lines,
    call,
    base,
    /** As the operator, at PORTAL unless told. */
    op: (method: string, path: string, body?: unknown) => call(operator, method, path, body),
  };
}
export type WhatsAppAdminApp = ReturnType<typeof whatsappAdminApp>;

/** Rows of a table, for "nothing changed" checks. */
export const rows = (w: WhatsAppAdminApp, table: string) => w.db.prepare(`SELECT * FROM ${table}`).all();
