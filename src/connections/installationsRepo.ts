import type { Db } from '../db/openDatabase.ts';

export type InstallationStatus = 'active' | 'needs_reauthorization' | 'uninstalled';

export interface Installation {
  portalId: number;
  authKind: 'oauth' | 'private';
  status: InstallationStatus;
  statusReason: string | null;
  hubDomain: string | null;
  installedAt: string;
  updatedAt: string;
}

interface Row {
  portal_id: number;
  auth_kind: 'oauth' | 'private';
  status: InstallationStatus;
  status_reason: string | null;
  hub_domain: string | null;
  installed_at: string;
  updated_at: string;
}

const toInstallation = (r: Row): Installation => ({
  portalId: r.portal_id,
  authKind: r.auth_kind,
  status: r.status,
  statusReason: r.status_reason,
  hubDomain: r.hub_domain,
  installedAt: r.installed_at,
  updatedAt: r.updated_at,
});

/** All SQL about installations. */
export function createInstallationsRepo(db: Db) {
  const byPortal = db.prepare<[number], Row>('SELECT * FROM installations WHERE portal_id = ?');
  const upsertStmt = db.prepare(`
    INSERT INTO installations (portal_id, auth_kind, status, status_reason, hub_domain, installed_at, updated_at)
    VALUES (@portalId, @authKind, @status, @statusReason, @hubDomain, @now, @now)
    ON CONFLICT (portal_id) DO UPDATE SET
      auth_kind = excluded.auth_kind, status = excluded.status, status_reason = excluded.status_reason,
      hub_domain = excluded.hub_domain, updated_at = excluded.updated_at`);

  return {
    find(portalId: number): Installation | undefined {
      const row = byPortal.get(portalId);
      return row ? toInstallation(row) : undefined;
    },
    upsert(i: Omit<Installation, 'installedAt' | 'updatedAt'>, now: Date): void {
      upsertStmt.run({ ...i, now: now.toISOString() });
    },
  };
}

export type InstallationsRepo = ReturnType<typeof createInstallationsRepo>;
