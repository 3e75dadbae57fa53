import type { Config } from '../src/config.ts';
import type { ForgetRegistry } from '../src/connections/forgetPortal.ts';
import type { Keyring } from '../src/connections/keyring.ts';
import { createTokenVault } from '../src/connections/tokenVault.ts';
import type { Db } from '../src/db/openDatabase.ts';
import type { Logger } from '../src/logger.ts';
import { createCampaignEngine } from '../src/messaging/campaigns/engine.ts';
import type { MessagingCrm } from '../src/messaging/crmPort.ts';
import { createWhatsAppCardService } from '../src/messaging/cards/whatsappCardService.ts';
import { createWhatsAppPortalForget } from '../src/messaging/forgetPortal.ts';
import { createPortalProviders } from '../src/messaging/portalProviders.ts';
import {
  campaignSendJob,
  campaignTickHandler,
  sendStepProperties,
  sweepCampaigns,
} from '../src/messaging/runtime/campaignJobs.ts';
import { createEnrollCampaignAction } from '../src/messaging/runtime/enrollCampaignAction.ts';
import { createContactSender } from '../src/messaging/runtime/contactSender.ts';
import { effectsJobHandler } from '../src/messaging/runtime/effectsJob.ts';
import { WHATSAPP_JOBS } from '../src/messaging/runtime/jobTypes.ts';
import { createMessagingStores } from '../src/messaging/runtime/messagingStores.ts';
import { createProviderWebhook } from '../src/messaging/runtime/providerWebhook.ts';
import { ReplyJobPayload, replyJobHandler } from '../src/messaging/runtime/replyJob.ts';
import { createSendWhatsAppAction } from '../src/messaging/runtime/sendWhatsAppAction.ts';
import { SendJobPayload, sendJobHandler } from '../src/messaging/runtime/sendJob.ts';
import type { EventSpine } from './eventSpine.ts';

/** How often due campaign enrollments are looked for (each due portal gets one tick job per period). */
export const CAMPAIGN_SWEEP_MS = 60_000;

export interface WhatsAppWiring {
  config: Pick<Config, 'publicOrigin' | 'bodyLimit' | 'whatsapp'>;
  db: Db;
  logger: Logger;
  now: () => number;
  keyring: Keyring;
  /** The MessagingCrm port on the gateway, plus provisioning of the WhatsApp contact properties. */
  crm: MessagingCrm & { provision(portalId: number): Promise<unknown> };
  spine: Pick<EventSpine, 'queue' | 'worker' | 'workflowActions' | 'forgetContact'>;
  forget: Pick<ForgetRegistry, 'register'>;
  hooks: { subscribe(listener: { onConnected?(portalId: number): void }): unknown };
  /** Campaign sweep period; tests pass a large one and call `sweepCampaigns()` themselves. */
  campaignSweepMs?: number;
  /** Injected by tests (the send gate's waits); the real clock otherwise. */
  clock?: { now(): number; sleep(ms: number): Promise<void> };
}

/** The durable jobs: CRM effects, sends, confirmations, campaign ticks, property provisioning. */
function registerJobs(w: WhatsAppWiring, parts: Omit<ReturnType<typeof buildParts>, 'webhook' | 'action'>) {
  const { spine, now } = w;
  const { stores, portals, sender, engine } = parts;
  const worker = spine.worker;
  worker.registerHandler(
    WHATSAPP_JOBS.crmEffects,
    effectsJobHandler({ crm: w.crm, contacts: stores.contacts, store: stores.store, now }),
  );
  worker.registerHandler(WHATSAPP_JOBS.send, sendJobHandler(sender), { payload: SendJobPayload });
  worker.registerHandler(WHATSAPP_JOBS.reply, replyJobHandler({ stores, portals, queue: spine.queue, now }), {
    payload: ReplyJobPayload,
  });
  worker.registerHandler(WHATSAPP_JOBS.campaignTick, campaignTickHandler({ engine, now }));
  worker.registerHandler(WHATSAPP_JOBS.provision, ({ job }) => w.crm.provision(job.portalId));
  w.hooks.subscribe({
    onConnected: (portalId) =>
      void spine.queue.enqueueManySync([
        {
          type: WHATSAPP_JOBS.provision,
          portalId,
          payload: null,
          idempotencyKey: `${WHATSAPP_JOBS.provision}:${portalId}:${now()}`,
        },
      ]),
  });
}

function buildParts(w: WhatsAppWiring) {
  const { db, now, spine } = w;
  const stores = createMessagingStores(db, createTokenVault(w.keyring), now);
  const portals = createPortalProviders({
    accounts: stores.accounts,
    secrets: stores.secrets,
    graph: { baseUrl: w.config.whatsapp.graphBaseUrl, version: w.config.whatsapp.graphVersion },
    ...(w.clock ? { clock: w.clock } : {}),
  });
  const sender = createContactSender({ stores, portals, crm: w.crm, queue: spine.queue, now });
  const engine = createCampaignEngine({
    ...stores,
    crm: w.crm,
    sendProperties: sendStepProperties(
      stores.templates,
      (p) => stores.accounts.find(p)?.settings.defaultLanguage ?? 'en_US',
    ),
    onSends: (actions) => void spine.queue.enqueueManySync(actions.map(campaignSendJob)),
  });
  const webhook = createProviderWebhook({
    stores,
    queue: spine.queue,
    wake: (key) => void spine.queue.wakeSync(key),
    logger: w.logger.child({ component: 'whatsapp' }),
  });
  const action = createSendWhatsAppAction({ sender, store: stores.store, now });
  const cards = createWhatsAppCardService({ stores, portals, crm: w.crm, sender, queue: spine.queue, now });
  return { stores, portals, sender, engine, webhook, action, cards };
}

/**
 * Part of the composition root (issue 7 phase 2): WhatsApp over the provider port and the MessagingCrm port —
 * the webhook receiver, the contact sender shared by the card, the workflow action and campaigns, the
 * durable jobs, the campaign sweep, privacy cleanups, and what the routes need.
 */
export function composeWhatsApp(w: WhatsAppWiring) {
  const parts = buildParts(w);
  const { stores, portals } = parts;
  registerJobs(w, parts);
  w.spine.workflowActions.registerAction('send-whatsapp', parts.action);
  w.spine.workflowActions.registerAction(
    'enroll-whatsapp-campaign',
    createEnrollCampaignAction({ campaigns: stores.campaigns, engine: parts.engine, now: w.now }),
  );
  // contact.privacyDeletion and disconnect: the contact's (or the portal's) WhatsApp data goes.
  w.spine.forgetContact.register('whatsapp', (portalId, contactId) => {
    const report = stores.privacy.deleteContactData(portalId, { contactId: String(contactId) });
    // Waiting sends carry the contact's properties, effects its number and text: they go too.
    const jobs = w.spine.queue.discardWaitingSync(portalId, `contact:${contactId}`, [
      WHATSAPP_JOBS.send,
      WHATSAPP_JOBS.crmEffects,
    ]);
    return report.messages + report.contactStates + report.enrollments + jobs;
  });
  const forgetPortal = createWhatsAppPortalForget(w.db);
  w.forget.register('whatsapp', (portalId) => {
    portals.forget(portalId);
    return forgetPortal(portalId);
  });

  const periodMs = w.campaignSweepMs ?? CAMPAIGN_SWEEP_MS;
  const sweep = () => sweepCampaigns({ enrollments: stores.enrollments, queue: w.spine.queue, now: w.now(), periodMs });
  const timer = setInterval(() => {
    try {
      sweep();
    } catch (err) {
      w.logger.error({ err }, 'campaign sweep failed');
    }
  }, periodMs).unref();

  const secretOf = (kind: 'app_secret' | 'verify_token') => (portalId: number) => {
    try {
      return stores.secrets.read(portalId, kind);
    } catch (err) {
      w.logger.error({ err, portalId }, `WhatsApp ${kind} cannot be opened`);
      return undefined;
    }
  };
  return {
    ...parts,
    /** Runs the campaign sweep now (tests with an injected clock, and right after a restart). */
    sweepCampaigns: sweep,
    routes: {
      webhooks: {
        bodyLimit: w.config.bodyLimit,
        appSecretOf: secretOf('app_secret'),
        verifyTokenOf: secretOf('verify_token'),
        receive: parts.webhook.receive,
      },
      cards: { cards: parts.cards },
    },
    close: () => clearInterval(timer),
  };
}

export type WhatsAppServices = ReturnType<typeof composeWhatsApp>;
