import express from 'express';
import { listenOnLoopback } from '../listen.ts';
import { invalidParameter, unknownObject } from './graphErrors.ts';
import { verifyWebhookEndpoint, type HandshakeResult } from './handshake.ts';
import { type InboundInput, type InboundResult, sendInbound } from './inbound.ts';
import { sendBodyValidator } from './openapi/sendSchema.ts';
import { controlRoutes } from './routes/control.ts';
import { graphRoutes, sendGraphError } from './routes/graph.ts';
import { inspectRoutes } from './routes/inspect.ts';
import { type WhatsAppSandboxOptions, WhatsAppSandboxState } from './state.ts';
import type { FlushReport } from './webhookOutbox.ts';

export interface WhatsAppSandbox {
  app: express.Express;
  state: WhatsAppSandboxState;
  /** Listens on 127.0.0.1 (port 0 = any free port); use `url` as the Graph base URL (WA_BASE_URL). */
  listen(port?: number): Promise<{ url: string; close(): Promise<void> }>;
  /** Posts every pending webhook now (retries included) and resolves when none is left. */
  flush(): Promise<FlushReport>;
  /** A simulated user writes to a business number. */
  sendInbound(input: InboundInput): InboundResult;
  /** Meta's GET handshake against the service's callback URL. */
  verifyWebhook(input: { url: string; verifyToken: string; challenge?: string }): Promise<HandshakeResult>;
  /** Stops webhook timers. */
  close(): void;
}

/** Builds the WhatsApp Cloud API sandbox: an Express app answering like graph.facebook.com for WhatsApp. */
export function createWhatsAppSandbox(options: Partial<WhatsAppSandboxOptions> = {}): WhatsAppSandbox {
  const state = new WhatsAppSandboxState(options);
  // Compile Meta's schema now (≈1 s), not inside the first request.
  sendBodyValidator(state.options.specPath);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(callLog(state));
  app.use(express.json({ limit: '5mb' }));
  app.use(controlRoutes(state));
  app.use(inspectRoutes(state));
  app.use(graphRoutes(state));
  app.use((req, res) =>
    sendGraphError(
      res,
      unknownObject(req.path.split('/').filter(Boolean).slice(1).join('/'), req.method === 'GET' ? 'get' : 'post'),
    ),
  );
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const e = err as { type?: string; status?: number; message?: string };
    // [U] Graph's wording for an unparseable JSON body; the code is the generic 100.
    if (e.type === 'entity.parse.failed')
      return sendGraphError(res, invalidParameter('The request body is not valid JSON.'));
    res
      .status(e.status ?? 500)
      .json({ error: { message: e.message ?? 'internal error', type: 'SandboxError', code: 1 } });
  });

  return {
    app,
    state,
    listen: (port = 0) => listenOnLoopback(app, port),
    flush: () => state.outbox.flush(),
    sendInbound: (input) => sendInbound(state, input),
    verifyWebhook: (input) => verifyWebhookEndpoint(input),
    close: () => state.outbox.close(),
  };
}

function callLog(state: WhatsAppSandboxState): express.RequestHandler {
  return (req, res, next) => {
    const started = Date.now();
    res.on('finish', () => {
      state.callLog.push({
        at: state.now(),
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ...(res.locals.errorCode !== undefined ? { errorCode: res.locals.errorCode as number } : {}),
        ...(res.locals.phoneNumberId ? { phoneNumberId: String(res.locals.phoneNumberId) } : {}),
        durationMs: Date.now() - started,
      });
    });
    next();
  };
}
