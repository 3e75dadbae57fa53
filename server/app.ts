import express from 'express';
import type { InstallationsRepo } from '../src/connections/installationsRepo.ts';
import type { RunLog } from '../src/jobs/index.ts';
import type { Logger } from '../src/logger.ts';
import { errorHandler, notFound } from './middleware/errorHandler.ts';
import { requestLogger } from './middleware/requestLogger.ts';
import { requireHubspotSignature } from './middleware/requireHubspotSignature.ts';
import { cardRoutes } from './routes/cards.ts';
import { type OrdersRouteDeps, ordersAdminRoutes, ordersRoutes } from './routes/orders.ts';
import { healthRoutes, type HealthDeps } from './routes/health.ts';
import { type AdminDeps, adminRoutes } from './routes/admin.ts';
import type { DeadLetterQueue } from './routes/adminDeadLetters.ts';
import { type OAuthRouteDeps, oauthRoutes } from './routes/oauth.ts';
import { type HubspotWebhookRouteDeps, hubspotWebhookRoutes } from './routes/hubspotWebhooks.ts';
import { type WorkflowActionRouteDeps, workflowActionRoutes } from './routes/workflowActions.ts';
import { type WhatsAppWebhookRouteDeps, whatsappWebhookRoutes } from './routes/whatsappWebhooks.ts';
import { type WhatsAppAdminDeps, whatsappAdminRoutes } from './routes/whatsappAdmin.ts';
import { type WhatsAppCardRouteDeps, whatsappCardRoutes } from './routes/whatsappCards.ts';
import { type SessionsAdminDeps, sessionsAdminRoutes } from './routes/sessionsAdmin.ts';
import { type SessionsApiRouteDeps, sessionsApiRoutes } from './routes/sessionsApi.ts';
import { type SessionsCardRouteDeps, sessionsCardRoutes } from './routes/sessionsCards.ts';
import { type SessionsSummaryDeps, sessionsSummaryRoutes } from './routes/sessionsSummary.ts';

export interface AppDeps {
  config: {
    publicOrigin: string;
    bodyLimit: string;
    hubspot: { clientSecret?: string };
  };
  logger: Logger;
  now: () => number;
  installations: InstallationsRepo;
  health: HealthDeps;
  /** Webhook intake (event spine); without it POST /webhooks/hubspot is not mounted. */
  webhooks?: Pick<HubspotWebhookRouteDeps, 'ingest'>;
  /** Custom workflow actions; without it POST /actions/:action is not mounted. */
  workflowActions?: Pick<WorkflowActionRouteDeps, 'execute'>;
  /** The job run log, served to operators at /admin/integration-log (needs `connections` for the admin auth). */
  integrationLog?: RunLog;
  deadLetters?: DeadLetterQueue;
  /** OAuth install pages and the admin API; without them /oauth/* and /admin/* are not mounted. */
  connections?: { oauth: OAuthRouteDeps; admin: AdminDeps };
  /** Orders (issue 6): the Orders card, the order-system API (API key) and the orders admin endpoints. */
  orders?: OrdersRouteDeps;
  /** Conversation sessions (issue 8): platform API, Sessions card, admin settings, summary pages. */
  sessions?: {
    api: SessionsApiRouteDeps;
    cards: Omit<SessionsCardRouteDeps, 'signed'>;
    admin: SessionsAdminDeps;
    summary: SessionsSummaryDeps;
  };
  /** WhatsApp (issue 7): the provider webhook (per portal, Meta signature) and the admin endpoints. */
  whatsapp?: { webhooks: WhatsAppWebhookRouteDeps; cards?: WhatsAppCardRouteDeps; admin?: WhatsAppAdminDeps };
}

/** Builds the HTTP edge from its dependencies. Never listens: main.ts and tests decide that. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  const signedV3 = requireHubspotSignature({
    clientSecret: deps.config.hubspot.clientSecret,
    publicOrigin: deps.config.publicOrigin,
    now: deps.now,
    accept: 'v3',
    bodyLimit: deps.config.bodyLimit,
  });

  app.use(requestLogger(deps.logger));
  app.use(healthRoutes(deps.health));
  app.use(cardRoutes({ installations: deps.installations, signed: signedV3 }));
  if (deps.sessions) {
    // API-key routes read their body after the key check, so they mount before the app-wide JSON parser.
    app.use(sessionsApiRoutes(deps.sessions.api));
    app.use(sessionsCardRoutes({ ...deps.sessions.cards, signed: signedV3 }));
    app.use(sessionsSummaryRoutes(deps.sessions.summary));
  }
  // Signed card routes and API-key routes read their body after authenticating: before the app-wide JSON parser.
  if (deps.orders) app.use(ordersRoutes({ ...deps.orders, signed: signedV3, bodyLimit: deps.config.bodyLimit }));
  if (deps.whatsapp) app.use(whatsappWebhookRoutes(deps.whatsapp.webhooks));
  if (deps.whatsapp?.cards) app.use(whatsappCardRoutes({ ...deps.whatsapp.cards, signed: signedV3 }));
  if (deps.webhooks) app.use(hubspotWebhookRoutes({ signed: signedV3, ingest: deps.webhooks.ingest }));
  if (deps.workflowActions) {
    const signedV3OrV2 = requireHubspotSignature({
      clientSecret: deps.config.hubspot.clientSecret,
      publicOrigin: deps.config.publicOrigin,
      now: deps.now,
      accept: 'v3-or-v2',
      bodyLimit: deps.config.bodyLimit,
    });
    app.use(workflowActionRoutes({ signed: signedV3OrV2, execute: deps.workflowActions.execute }));
  }
  if (deps.connections) {
    app.use(oauthRoutes(deps.connections.oauth));
    // Before the JSON parser: signed admin requests are verified on their raw bytes.
    const extraRoutes = deps.sessions ? [sessionsAdminRoutes(deps.sessions.admin)] : [];
    if (deps.orders) extraRoutes.push(ordersAdminRoutes(deps.orders));
    if (deps.whatsapp?.admin) extraRoutes.push(whatsappAdminRoutes(deps.whatsapp.admin));
    const admin = {
      ...deps.connections.admin,
      integrationLog: deps.integrationLog,
      deadLetters: deps.deadLetters,
      extraRoutes,
    };
    app.use('/admin', adminRoutes({ ...admin, signed: signedV3, bodyLimit: deps.config.bodyLimit }));
  }
  // Unsigned JSON routes (admin API, external systems) mount after this parser in later issues.
  app.use(express.json({ limit: deps.config.bodyLimit }));

  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
