import type { Db } from '../db/openDatabase.ts';

export type InstallationStatus = 'active' | 'needs_reauthorization' | 'uninstalled';
/** A private app's rate tier as HubSpot's X-HubSpot-RateLimit-Max reveals it (100 / 190 / 250 per 10 s). */
export type PrivateAppTier = 'free_or_starter' | 'professional_or_enterprise' | 'api_limit_increase';

export interface Installation {
  portalId: number;
  authKind: 'oauth' | 'private';
  status: InstallationStatus;
  statusReason: string | null;
  hubDomain: string | null;
  installedAt: string;
  updatedAt: string;
  connectionName: string | null;
  scopes: string[];
  tier: PrivateAppTier | null;
  installedBy: string | null;
  hubspotUserId: number | null;
  appId: number | null;
}

/** Everything a (re)connection writes; the times come from the repo. */
export type ConnectionRecord = Omit<Installation, 'installedAt' | 'updatedAt'>;

interface Row {
  portal_id: number;
  auth_kind: 'oauth' | 'private';
  status: InstallationStatus;
  status_reason: string | null;
  hub_domain: string | null;
  installed_at: string;
  updated_at: string;
  connection_name: string | null;
  scopes: string;
  tier: PrivateAppTier | null;
  installed_by: string | null;
  hubspot_user_id: number | null;
  app_id: number | null;
}

const toInstallation = (r: Row): Installation => ({
  portalId: r.portal_id,
  authKind: r.auth_kind,
  status: r.status,
  statusReason: r.status_reason,
  hubDomain: r.hub_domain,
  installedAt: r.installed_at,
  updatedAt: r.updated_at,
  connectionName: r.connection_name,
  scopes: JSON.parse(r.scopes) as string[],
  tier: r.tier,
  installedBy: r.installed_by,
  hubspotUserId: r.hubspot_user_id,
  appId: r.app_id,
});

const UPSERT_BASIC = `
  INSERT INTO installations (portal_id, auth_kind, status, status_reason, hub_domain, installed_at, updated_at)
  VALUES (@portalId, @authKind, @status, @statusReason, @hubDomain, @now, @now)
  ON CONFLICT (portal_id) DO UPDATE SET
    auth_kind = excluded.auth_kind, status = excluded.status, status_reason = excluded.status_reason,
    hub_domain = excluded.hub_domain, updated_at = excluded.updated_at`;

// A reinstall updates the row in place: installed_at keeps the first install, everything else is replaced.
const SAVE_CONNECTION = `
  INSERT INTO installations (portal_id, auth_kind, status, status_reason, hub_domain, installed_at, updated_at,
    connection_name, scopes, tier, installed_by, hubspot_user_id, app_id)
  VALUES (@portalId, @authKind, @status, @statusReason, @hubDomain, @now, @now,
    @connectionName, @scopes, @tier, @installedBy, @hubspotUserId, @appId)
  ON CONFLICT (portal_id) DO UPDATE SET
    auth_kind = excluded.auth_kind, status = excluded.status, status_reason = excluded.status_reason,
    hub_domain = excluded.hub_domain, updated_at = excluded.updated_at, connection_name = excluded.connection_name,
    scopes = excluded.scopes, tier = excluded.tier, installed_by = excluded.installed_by,
    hubspot_user_id = excluded.hubspot_user_id, app_id = excluded.app_id`;

// Forgetting a portal keeps a tombstone (so the card can say "not connected") and drops the personal data.
const SCRUB = `
  UPDATE installations SET status = 'uninstalled', status_reason = @reason, updated_at = @now,
    installed_by = NULL, hubspot_user_id = NULL, connection_name = NULL, scopes = '[]'
  WHERE portal_id = @portalId`;

/** All SQL about installations. */
export function createInstallationsRepo(db: Db) {
  const byPortal = db.prepare<[number], Row>('SELECT * FROM installations WHERE portal_id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM installations ORDER BY portal_id');
  const upsertStmt = db.prepare(UPSERT_BASIC);
  const saveStmt = db.prepare(SAVE_CONNECTION);
  const statusStmt = db.prepare(
    'UPDATE installations SET status = @status, status_reason = @reason, updated_at = @now WHERE portal_id = @portalId',
  );
  const scrubStmt = db.prepare(SCRUB);

  return {
    find(portalId: number): Installation | undefined {
      const row = byPortal.get(portalId);
      return row ? toInstallation(row) : undefined;
    },
    list(): Installation[] {
      return all.all().map(toInstallation);
    },
    upsert(i: Pick<Installation, 'portalId' | 'authKind' | 'status' | 'statusReason' | 'hubDomain'>, now: Date): void {
      upsertStmt.run({ ...i, now: now.toISOString() });
    },
    /** Creates or replaces a connection (install, reinstall, private app added or rotated). */
    save(c: ConnectionRecord, now: Date): void {
      saveStmt.run({ ...c, scopes: JSON.stringify(c.scopes), now: now.toISOString() });
    },
    /** Changes the status only; false when the portal has no row. */
    setStatus(portalId: number, status: InstallationStatus, reason: string | null, now: Date): boolean {
      return statusStmt.run({ portalId, status, reason, now: now.toISOString() }).changes === 1;
    },
    /** Marks the portal uninstalled and clears the installing user and labels. */
    scrub(portalId: number, reason: string, now: Date): boolean {
      return scrubStmt.run({ portalId, reason, now: now.toISOString() }).changes === 1;
    },
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}

export type InstallationsRepo = ReturnType<typeof createInstallationsRepo>;
