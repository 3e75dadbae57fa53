import { AppError } from '../../errors.ts';
import type { Properties } from '../../mapping/templateVariables.ts';
import { contactWhatsAppNumber, PHONE_PROPERTIES } from '../../mapping/whatsappPhone.ts';
import type { ContactStateRepo } from '../contactStateRepo.ts';
import type { MessagingCrm } from '../crmPort.ts';
import type { MessageStore } from '../messageStore.ts';
import type { WhatsAppAccountsRepo } from '../whatsappAccountsRepo.ts';
import { advanceEnrollment, type DueSend } from './advance.ts';
import type { Campaign, CampaignsRepo } from './campaignsRepo.ts';
import { type CampaignDefinition, propertiesRead } from './definition.ts';
import type { Enrollment, EnrollmentsRepo } from './enrollmentsRepo.ts';

/**
 * Runs campaigns (issue 7 §8): `enroll` once per campaign and contact, and `tick(now)` advances every due
 * enrollment and returns the sends that are due; `onSends` turns each into a durable `whatsapp.send` job
 * (runtime/campaignJobs.ts), paced by the provider's send gate like every other send. Replies and opt-outs come
 * from our own store, contact properties from HubSpot in one batch read per portal.
 */

export interface CampaignSendAction extends DueSend {
  portalId: number;
  campaignId: number;
  enrollmentId: number;
  contactId: string;
  /** E.164 (null when the contact has no usable number: eligibility refuses the send). */
  phone: string | null;
  /** Unique per enrollment, step and visit: a step run again in a loop is a new send. */
  idempotencyKey: string;
  /**
   * The contact's properties as this tick read them (phone, the campaign's and the templates' mapped properties), so
   * the send needs no HubSpot read of its own: a 10,000-contact campaign costs 100 batch reads, not 10,000 reads.
   */
  contact: Properties;
}

export interface TickReport {
  actions: CampaignSendAction[];
  advanced: number;
  finished: { enrollmentId: number; status: string; reason: string }[];
  /** Enrollments another tick advanced first (compare-and-swap lost): skipped, nothing sent twice. */
  lostRaces: number;
}

export interface CampaignEngineDeps {
  campaigns: CampaignsRepo;
  enrollments: EnrollmentsRepo;
  accounts: WhatsAppAccountsRepo;
  contacts: ContactStateRepo;
  store: MessageStore;
  crm: Pick<MessagingCrm, 'readContacts'>;
  /** Contact properties the campaign's send steps need (their templates' mappings), read in the same batch. */
  sendProperties?(portalId: number, definition: CampaignDefinition): string[];
  /**
   * Called in the same SQLite transaction that saves an enrollment's advance, with the sends it made due: the
   * caller enqueues their jobs there, so a crash can never keep the advance and lose the sends (or the reverse).
   */
  onSends?(actions: CampaignSendAction[]): void;
}

const RETRY_UNCONFIGURED_MS = 60 * 60 * 1000;

export function createCampaignEngine(deps: CampaignEngineDeps) {
  const { campaigns, enrollments, accounts, contacts, store, crm } = deps;

  async function tick(now: number, limit = 500, portalId?: number): Promise<TickReport> {
    const report: TickReport = { actions: [], advanced: 0, finished: [], lostRaces: 0 };
    const due = enrollments.due(now, limit, portalId);
    const campaignOf = new Map<number, Campaign>();
    for (const e of due) if (!campaignOf.has(e.campaignId)) campaignOf.set(e.campaignId, campaigns.find(e.campaignId)!);
    for (const portalId of new Set(due.map((e) => e.portalId))) {
      const mine = due.filter((e) => e.portalId === portalId);
      const wanted = new Set<string>(PHONE_PROPERTIES);
      for (const e of mine) {
        const { definition } = campaignOf.get(e.campaignId)!;
        for (const p of propertiesRead(definition)) wanted.add(p);
        for (const p of deps.sendProperties?.(portalId, definition) ?? []) wanted.add(p);
      }
      const people = await crm.readContacts(portalId, [...new Set(mine.map((e) => e.contactId))], [...wanted]);
      for (const e of mine) advanceOne(e, campaignOf.get(e.campaignId)!, people.get(e.contactId), now, report);
    }
    return report;
  }

  function advanceOne(
    e: Enrollment,
    campaign: Campaign,
    properties: Properties | undefined,
    now: number,
    report: TickReport,
  ) {
    const account = accounts.find(e.portalId);
    if (!account) {
      // Not a reason to drop the contact: WhatsApp may be connected later.
      const saved = enrollments.saveAdvance(e, { ...e, nextRunAt: now + RETRY_UNCONFIGURED_MS }, now);
      if (!saved) report.lostRaces += 1;
      return;
    }
    const number = properties ? contactWhatsAppNumber(properties, account.settings.defaultCountry) : undefined;
    const phone = number?.ok ? number.e164 : null;
    const advanced = properties
      ? advanceEnrollment(campaign.definition, e, {
          now,
          properties,
          replied: phone ? store.hasInboundSince(e.portalId, phone, e.enrolledAt) : false,
          optOut: phone ? (contacts.find(e.portalId, phone)?.optOut ?? null) : null,
          hours: account.settings.businessHours,
        })
      : {
          state: { ...e, status: 'stopped' as const, stopReason: 'contact_missing', waitUntil: null, nextRunAt: null },
          sends: [],
        };
    const ids = { portalId: e.portalId, campaignId: e.campaignId, enrollmentId: e.id, contactId: e.contactId, phone };
    const actions = advanced.sends.map((send) => ({
      ...send,
      ...ids,
      contact: properties ?? {},
      idempotencyKey: `campaign:${e.id}:${send.stepId}:v${e.version}`,
    }));
    const saved = enrollments.transaction(() => {
      if (!enrollments.saveAdvance(e, advanced.state, now)) return false;
      if (actions.length > 0) deps.onSends?.(actions);
      return true;
    });
    if (!saved) {
      report.lostRaces += 1;
      return;
    }
    report.advanced += 1;
    if (advanced.state.status !== 'active') {
      report.finished.push({
        enrollmentId: e.id,
        status: advanced.state.status,
        reason: advanced.state.stopReason ?? '',
      });
    }
    report.actions.push(...actions);
  }

  return {
    /** Enrolls a contact (idempotent per campaign and contact); the first tick at or after `now` runs it. */
    enroll(campaignId: number, contactId: string, now: number) {
      const campaign = campaigns.find(campaignId);
      if (!campaign) throw new AppError('not_found', `campaign ${campaignId} does not exist`);
      return enrollments.enroll({ campaignId, portalId: campaign.portalId, contactId }, now);
    },
    tick,
  };
}

export type CampaignEngine = ReturnType<typeof createCampaignEngine>;
