import type { Db } from '../../db/openDatabase.ts';
import { provisionPropertyGroup } from '../../hubspot/propertyGroupProvisioning.ts';
import type { HubspotCall, HubspotCallOptions } from '../../hubspot/hubspotCall.ts';
import { WHATSAPP_GROUP, WHATSAPP_PROPERTY_DEFINITIONS } from './whatsappProperties.ts';

/**
 * Creates the "Switchboard WhatsApp" property group and properties (whatsappProperties.ts) where missing: at install
 * (a job), and, if that never ran, before a portal's first property write or ticket. Two calls per object type;
 * "already exists" (409, or OBJECT_ALREADY_EXISTS in a 207) is fine, so it can run any number of times. The outcome
 * is remembered per portal (0045 `whatsapp_crm_setup`). [U] A property that already exists is not updated: a later
 * release that adds an enumeration option must update that property itself.
 */
type ObjectType = keyof typeof WHATSAPP_PROPERTY_DEFINITIONS;
export type WhatsAppProvisionResult = Record<ObjectType, { created: string[]; existing: string[] }>;

/** The job type the composition enqueues at install; its handler is `provision(job.portalId)`. */
export const WHATSAPP_PROVISION_JOB = 'whatsapp.provisionProperties';

const provisionType = (hubspot: HubspotCall, portalId: number, type: ObjectType, opts: HubspotCallOptions) =>
  provisionPropertyGroup(
    hubspot,
    portalId,
    {
      objectType: type,
      group: WHATSAPP_GROUP,
      definitions: WHATSAPP_PROPERTY_DEFINITIONS[type],
      what: 'Switchboard WhatsApp',
    },
    opts,
  );

export function createWhatsAppProvisioning(deps: { db: Db; hubspot: HubspotCall; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const find = deps.db.prepare<[number], { portal_id: number }>(
    'SELECT portal_id FROM whatsapp_crm_setup WHERE portal_id = ?',
  );
  const save = deps.db.prepare(`INSERT INTO whatsapp_crm_setup (portal_id, provisioned_at, result) VALUES (?, ?, ?)
    ON CONFLICT (portal_id) DO UPDATE SET provisioned_at = excluded.provisioned_at, result = excluded.result`);
  const remove = deps.db.prepare('DELETE FROM whatsapp_crm_setup WHERE portal_id = ?');
  // Jobs of one portal that all need the properties at once share one provisioning run.
  const running = new Map<number, Promise<WhatsAppProvisionResult>>();

  async function run(portalId: number): Promise<WhatsAppProvisionResult> {
    const opts: HubspotCallOptions = { feature: 'whatsapp', idempotent: true };
    const result = {} as WhatsAppProvisionResult;
    for (const type of Object.keys(WHATSAPP_PROPERTY_DEFINITIONS) as ObjectType[]) {
      result[type] = await provisionType(deps.hubspot, portalId, type, opts);
    }
    save.run(portalId, now(), JSON.stringify(result));
    return result;
  }

  function provision(portalId: number): Promise<WhatsAppProvisionResult> {
    const current = running.get(portalId);
    if (current) return current;
    const started = run(portalId).finally(() => running.delete(portalId));
    running.set(portalId, started);
    return started;
  }

  return {
    /** Creates what is missing (4 calls) and remembers that the portal is set up: the install job's handler. */
    provision,
    /** Provisions only if this portal never was: free for every write after the first. */
    async ensure(portalId: number): Promise<void> {
      if (!find.get(portalId)) await provision(portalId);
    },
    /** Forgets that the portal was set up (it disconnected); returns the rows removed. */
    forgetPortal: (portalId: number): number => remove.run(portalId).changes,
  };
}

export type WhatsAppProvisioning = ReturnType<typeof createWhatsAppProvisioning>;
