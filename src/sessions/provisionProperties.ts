import type { Db } from '../db/openDatabase.ts';
import { provisionPropertyGroup } from '../hubspot/propertyGroupProvisioning.ts';
import type { HubspotCall, HubspotCallOptions } from '../hubspot/hubspotCall.ts';
import { SESSION_PROPERTY_DEFINITIONS, SWITCHBOARD_GROUP } from './properties.ts';

/**
 * Creates the Switchboard property group and the session properties (properties.ts: contact fields, the meeting and
 * task sync key) where missing: at install (a job), on demand (admin API) and, if neither ran yet, before a portal's
 * first sync. Two calls per object type; "already exists" (409, or OBJECT_ALREADY_EXISTS in a 207) is fine, so it can
 * run any number of times. The outcome is remembered (0053 `session_portal_setup`).
 */
type ObjectType = keyof typeof SESSION_PROPERTY_DEFINITIONS;
export type ProvisionResult = Record<ObjectType, { created: string[]; existing: string[] }>;

const provisionType = (hubspot: HubspotCall, portalId: number, type: ObjectType, opts: HubspotCallOptions) =>
  provisionPropertyGroup(
    hubspot,
    portalId,
    {
      objectType: type,
      group: SWITCHBOARD_GROUP,
      definitions: SESSION_PROPERTY_DEFINITIONS[type],
      what: 'Switchboard',
    },
    opts,
  );

export function createPropertyProvisioning(deps: { db: Db; hubspot: HubspotCall; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const find = deps.db.prepare<[number], { result: string }>(
    'SELECT result FROM session_portal_setup WHERE portal_id = ?',
  );
  const save = deps.db.prepare(`INSERT INTO session_portal_setup (portal_id, provisioned_at, result) VALUES (?, ?, ?)
    ON CONFLICT (portal_id) DO UPDATE SET provisioned_at = excluded.provisioned_at, result = excluded.result`);

  async function provision(portalId: number, priority: 'interactive' | 'background' = 'background') {
    const opts: HubspotCallOptions = { feature: 'sessions.properties', priority, idempotent: true };
    const result = {} as ProvisionResult;
    for (const type of Object.keys(SESSION_PROPERTY_DEFINITIONS) as ObjectType[]) {
      result[type] = await provisionType(deps.hubspot, portalId, type, opts);
    }
    save.run(portalId, now(), JSON.stringify(result));
    return result;
  }

  return {
    /** Creates what is missing (6 calls) and remembers that the portal is set up. */
    provision,
    /** Provisions only if this portal never was: free for every sync after the first. */
    async ensure(portalId: number): Promise<void> {
      if (!find.get(portalId)) await provision(portalId);
    },
    /** Forgets that the portal was set up (it disconnected). */
    forgetPortal: (portalId: number) =>
      deps.db.prepare('DELETE FROM session_portal_setup WHERE portal_id = ?').run(portalId).changes,
  };
}

export type PropertyProvisioning = ReturnType<typeof createPropertyProvisioning>;
