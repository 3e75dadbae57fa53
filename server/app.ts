import express from 'express';
import type { InstallationsRepo } from '../src/connections/installationsRepo.ts';
import type { Logger } from '../src/logger.ts';
import { errorHandler, notFound } from './middleware/errorHandler.ts';
import { requestLogger } from './middleware/requestLogger.ts';
import { requireHubspotSignature } from './middleware/requireHubspotSignature.ts';
import { cardRoutes } from './routes/cards.ts';
import { healthRoutes, type HealthDeps } from './routes/health.ts';

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
  // Unsigned JSON routes (admin API, external systems) mount after this parser in later issues.
  app.use(express.json({ limit: deps.config.bodyLimit }));

  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
