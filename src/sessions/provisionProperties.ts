import { AppError, isAppError } from '../errors.ts';
import type { Db } from '../db/openDatabase.ts';
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

interface BatchErrorEntry {
  category?: string;
  message?: string;
  context?: Record<string, string[]>;
}

const statusOf = (err: unknown): number | undefined => {
  const status = isAppError(err) ? (err.details as { status?: unknown } | undefined)?.status : undefined;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof status === 'number' ? status : typeof code === 'number' ? code : undefined;
};
const alreadyExists = (err: unknown) => statusOf(err) === 409 || (isAppError(err) && err.code === 'conflict');

async function provisionType(hubspot: HubspotCall, portalId: number, type: ObjectType, opts: HubspotCallOptions) {
  await hubspot(portalId, opts, (c) => c.crm.properties.groupsApi.create(type, { ...SWITCHBOARD_GROUP })).catch(
    (err: unknown) => {
      if (!alreadyExists(err)) throw err;
    },
  );
  const definitions = SESSION_PROPERTY_DEFINITIONS[type];
  const names = definitions.map((d) => d.name);
  let res: { results: { name: string }[]; errors?: BatchErrorEntry[] };
  try {
    res = await hubspot(portalId, opts, (c) =>
      c.crm.properties.batchApi.create(type, { inputs: definitions as never }),
    );
  } catch (err) {
    if (alreadyExists(err)) return { created: [], existing: names }; // [U] a whole-batch 409: nothing new
    throw err;
  }
  const unexpected = (res.errors ?? []).filter((e) => e.category !== 'OBJECT_ALREADY_EXISTS');
  if (unexpected.length > 0) {
    const why = unexpected.map((e) => e.message ?? e.category).join('; ');
    throw new AppError('validation', `HubSpot refused the Switchboard ${type} properties: ${why}`);
  }
  const created = res.results.map((p) => p.name);
  return { created, existing: names.filter((n) => !created.includes(n)) };
}

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
