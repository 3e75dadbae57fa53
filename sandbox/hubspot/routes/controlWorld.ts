import { Router } from 'express';
import { z } from 'zod';
import * as cp from '../controlPlane.ts';
import type { SandboxState } from '../state.ts';
import { configureWebhooks, startWebhookEmitter, webhookEmitterOf } from '../webhookEmitter.ts';
import { h, pid } from './controlHttp.ts';

/**
 * Control routes that change how the simulated world behaves: search lag, the clock, rate-limit counters,
 * rep actions in the CRM UI (deal stage moves, GDPR deletes) and webhook settings/delivery.
 */

const WebhookInput = z.object({
  targetUrl: z.string().url(),
  clientSecret: z.string().min(1),
  portalIds: z.array(z.number().int()).optional(),
  subscriptions: z.array(
    z.object({
      id: z.number().int().optional(),
      subscriptionType: z.string(),
      propertyName: z.string().optional(),
      objectType: z.string().optional(),
      active: z.boolean().default(true),
    }),
  ),
});

const PipelineInput = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  displayOrder: z.number().int().optional(),
  stages: z
    .array(
      z.object({
        id: z.string().min(1),
        label: z.string().min(1),
        probability: z.string().optional(),
        isClosed: z.boolean().optional(),
        ticketState: z.enum(['OPEN', 'CLOSED']).optional(),
      }),
    )
    .min(1),
});

export function controlWorldRoutes(state: SandboxState): Router {
  const r = Router();
  r.put(
    '/_sandbox/search-lag',
    h((req, res) => {
      cp.setSearchLag(state, z.object({ ms: z.number().int().nonnegative() }).parse(req.body).ms);
      res.status(204).end();
    }),
  );
  r.get(
    '/_sandbox/clock',
    h((_req, res) => res.json({ now: state.now() })),
  );
  r.post(
    '/_sandbox/clock/advance',
    h((req, res) => {
      res.json({ now: cp.advanceClock(state, z.object({ ms: z.number().int() }).parse(req.body).ms) });
    }),
  );
  r.post(
    '/_sandbox/rate-limits/reset',
    h((_req, res) => {
      cp.resetRateLimits(state);
      for (const p of state.portals.values()) p.dailyCalls = { day: '', count: 0 };
      res.status(204).end();
    }),
  );
  r.post(
    '/_sandbox/portals/:id/deals/:dealId/stage',
    h((req, res) => {
      const { stageId } = z.object({ stageId: z.string() }).parse(req.body);
      res.json(cp.moveDealToStage(state, pid(req), req.params.dealId as string, stageId));
    }),
  );
  r.post(
    '/_sandbox/portals/:id/pipelines/:objectType',
    h((req, res) => {
      const objectType = z.enum(['deals', 'tickets']).parse(req.params.objectType);
      res.status(201).json(cp.addPipeline(state, pid(req), objectType, PipelineInput.parse(req.body)));
    }),
  );
  r.post(
    '/_sandbox/portals/:id/contacts/:contactId/privacy-delete',
    h((req, res) => {
      cp.privacyDeleteContact(state, pid(req), req.params.contactId as string);
      res.status(204).end();
    }),
  );
  r.put(
    '/_sandbox/apps/:appId/webhooks',
    h((req, res) => {
      const input = WebhookInput.parse(req.body);
      const subscriptions = input.subscriptions.map((s, i) => ({ ...s, id: s.id ?? i + 1 }));
      configureWebhooks(state, { ...input, appId: Number(req.params.appId), subscriptions });
      if (!webhookEmitterOf(state)) startWebhookEmitter(state);
      res.status(204).end();
    }),
  );
  r.post(
    '/_sandbox/webhooks/flush',
    h(async (_req, res) => res.json((await webhookEmitterOf(state)?.flush()) ?? [])),
  );
  r.get(
    '/_sandbox/webhooks/deliveries',
    h((_req, res) => res.json(webhookEmitterOf(state)?.deliveries ?? [])),
  );
  return r;
}
