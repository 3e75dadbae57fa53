import { type Response, Router } from 'express';
import { z } from 'zod';
import { addPhoneNumber, createWaba, issueToken, setWebhook } from '../accounts.ts';
import { subscribeWebhook } from '../handshake.ts';
import { failNextSends, openWindow, queueScenario, setRecipient } from '../recipients.ts';
import { seedDemoWhatsApp } from '../seed.ts';
import type { WhatsAppSandboxState } from '../state.ts';
import { addTemplate, setTemplateStatus, type TemplateInput } from '../templates.ts';
import type { RecipientBehaviour, StatusScenario } from '../types.ts';

/**
 * `/_sandbox/*`: the sandbox's own control plane for setting up the world. Not Meta's API and unauthenticated
 * on purpose (it only ever listens on 127.0.0.1). Each route parses with zod and calls one control function.
 */

const statuses = z.enum(['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED']);
const delivery = z.enum(['sent', 'delivered', 'read']);
const scenarioSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('normal') }),
  z.object({ kind: z.literal('no_read') }),
  z.object({ kind: z.literal('read_without_delivered') }),
  z.object({ kind: z.literal('dropped'), status: delivery.optional() }),
  z.object({ kind: z.literal('duplicated'), status: delivery.optional() }),
  z.object({ kind: z.literal('reordered'), order: z.array(delivery).optional() }),
  z.object({ kind: z.literal('failed'), code: z.number().int(), afterSent: z.boolean().optional() }),
  z.object({
    kind: z.literal('custom'),
    steps: z.array(
      z.object({
        status: z.enum(['sent', 'delivered', 'read', 'failed']),
        offsetMs: z.number(),
        errorCode: z.number().int().optional(),
      }),
    ),
  }),
]);

const schemas = {
  waba: z.object({ id: z.string().optional(), name: z.string().optional(), appId: z.string().optional() }),
  phone: z.object({
    id: z.string().optional(),
    displayPhoneNumber: z.string(),
    verifiedName: z.string().optional(),
    throughputPerSecond: z.number().int().positive().optional(),
  }),
  token: z.object({ token: z.string().optional(), expiresAt: z.number().optional() }),
  template: z.looseObject({
    name: z.string(),
    language: z.string(),
    category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
    status: statuses.optional(),
  }),
  templateStatus: z.object({ status: statuses }),
  recipient: z.object({
    onWhatsApp: z.boolean().optional(),
    stoppedMarketing: z.boolean().optional(),
    scenario: scenarioSchema.optional(),
    profileName: z.string().optional(),
    waId: z.string().optional(),
  }),
  scenario: z.object({ scenario: scenarioSchema, times: z.number().int().positive().optional() }),
  fault: z.object({ code: z.number().int(), times: z.number().int().positive().optional() }),
  webhook: z.object({
    url: z.url().optional(),
    verifyToken: z.string().optional(),
    appSecret: z.string().optional(),
    appId: z.string().optional(),
    handshake: z.boolean().optional(),
  }),
  clock: z.object({ now: z.number().optional(), advanceMs: z.number().optional() }),
  window: z.object({ phoneNumberId: z.string(), from: z.string(), at: z.number().optional() }),
};

export function controlRoutes(state: WhatsAppSandboxState): Router {
  const r = Router();
  const body = <T extends z.ZodType>(schema: T, value: unknown): z.infer<T> => schema.parse(value ?? {});

  r.post('/_sandbox/wabas', (req, res) => reply(res, 201, () => createWaba(state, body(schemas.waba, req.body))));
  r.post('/_sandbox/wabas/:wabaId/phone-numbers', (req, res) =>
    reply(res, 201, () => addPhoneNumber(state, req.params.wabaId, body(schemas.phone, req.body))),
  );
  r.post('/_sandbox/wabas/:wabaId/tokens', (req, res) =>
    reply(res, 201, () => ({ token: issueToken(state, req.params.wabaId, body(schemas.token, req.body)) })),
  );
  r.post('/_sandbox/wabas/:wabaId/templates', (req, res) =>
    reply(res, 201, () => addTemplate(state, req.params.wabaId, body(schemas.template, req.body) as TemplateInput)),
  );
  r.post('/_sandbox/wabas/:wabaId/templates/:name/:language/status', (req, res) =>
    reply(res, 200, () => {
      const { status } = body(schemas.templateStatus, req.body);
      return setTemplateStatus(state, req.params.wabaId, req.params.name, req.params.language, status);
    }),
  );
  r.put('/_sandbox/recipients/:number', (req, res) =>
    reply(res, 200, () =>
      setRecipient(state, req.params.number, body(schemas.recipient, req.body) as RecipientBehaviour),
    ),
  );
  r.post('/_sandbox/scenarios', (req, res) =>
    reply(res, 204, () => {
      const { scenario, times } = body(schemas.scenario, req.body);
      queueScenario(state, scenario as StatusScenario, times);
    }),
  );
  r.post('/_sandbox/faults', (req, res) =>
    reply(res, 204, () => {
      const { code, times } = body(schemas.fault, req.body);
      failNextSends(state, code, times);
    }),
  );
  r.post('/_sandbox/windows', (req, res) =>
    reply(res, 204, () => {
      const { phoneNumberId, from, at } = body(schemas.window, req.body);
      openWindow(state, phoneNumberId, from, at);
    }),
  );
  r.post('/_sandbox/webhook', async (req, res) => {
    const parsed = schemas.webhook.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(res, parsed.error);
    const { handshake, ...input } = parsed.data;
    if (handshake && input.url) {
      // Like saving the callback URL in Meta's dashboard: stored only if the GET handshake passes.
      const { url, verifyToken = '', appId } = input;
      const result = await subscribeWebhook(state, { url, verifyToken, ...(appId ? { appId } : {}) });
      res.status(result.ok ? 200 : 409).json(result);
      return;
    }
    reply(res, 200, () => setWebhook(state, { ...input, url: input.url }));
  });
  r.post('/_sandbox/clock', (req, res) =>
    reply(res, 200, () => {
      const { now, advanceMs } = body(schemas.clock, req.body);
      if (now !== undefined) state.setClock(now);
      if (advanceMs !== undefined) state.advanceClock(advanceMs);
      return { now: state.now() };
    }),
  );
  r.post('/_sandbox/seed', (_req, res) => reply(res, 201, () => seedDemoWhatsApp(state)));
  return r;
}

/** Runs a control function; its thrown Error (or a zod issue list) becomes a 400 naming the problem. */
export function reply(res: Response, status: number, run: () => unknown): void {
  try {
    const result = run();
    if (status === 204) res.status(204).end();
    else res.status(status).json(result ?? {});
  } catch (err) {
    badRequest(res, err);
  }
}

function badRequest(res: Response, err: unknown): void {
  const message = err instanceof z.ZodError ? z.prettifyError(err) : err instanceof Error ? err.message : String(err);
  res.status(400).json({ error: 'sandbox_control', message });
}
