import type { EnqueueInput } from '../../jobs/index.ts';
import type { CrmEffect } from '../crmEffects.ts';

/** The WhatsApp capability's durable jobs (issue 7 phase 2), registered on the event spine's worker. */
export const WHATSAPP_JOBS = {
  /** CRM effects of a send, a status change or an inbound message: timeline, contact properties, ticket, owner. */
  crmEffects: 'whatsapp.crmEffects',
  /** A send that must not be lost: retries of card sends, campaign steps. */
  send: 'whatsapp.send',
  /** The confirmation an opt-out / opt-in keyword asks for. */
  reply: 'whatsapp.reply',
  /** Advances due campaign enrollments and enqueues their sends. */
  campaignTick: 'whatsapp.campaignTick',
  /** The WhatsApp contact properties, created once per portal. */
  provision: 'whatsapp.provisionProperties',
} as const;

/**
 * One effects job. Its key names what caused the effects (`send:<message id>`, `status:<message id>:read`,
 * `inbound:<wamid>`), so the same cause never runs them twice even when the webhook is delivered again.
 */
export function effectsJob(portalId: number, cause: string, effects: CrmEffect[]): EnqueueInput {
  const first = effects[0]?.contact;
  return {
    type: WHATSAPP_JOBS.crmEffects,
    portalId,
    idempotencyKey: `${WHATSAPP_JOBS.crmEffects}:${portalId}:${cause}`,
    ...(first ? { objectKey: first.contactId ? `contact:${first.contactId}` : `phone:${first.phone}` } : {}),
    payload: { effects },
  };
}

/** A job payload came through JSON: timeline dates are strings again. */
export function reviveEffects(raw: unknown): CrmEffect[] {
  const effects = (raw as { effects?: CrmEffect[] } | null)?.effects;
  if (!Array.isArray(effects)) throw new TypeError('whatsapp.crmEffects payload has no effects array');
  return effects.map((e) =>
    e.kind === 'timeline' ? { ...e, event: { ...e.event, occurredAt: new Date(e.event.occurredAt) } } : e,
  );
}
