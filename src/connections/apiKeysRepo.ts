import type { Db } from '../db/openDatabase.ts';

/** An API key as listed: never the key itself, only its hash is stored. */
export interface ApiKeyRecord {
  id: number;
  portalId: number;
  name: string;
  scope: string;
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

interface Row {
  id: number;
  portal_id: number;
  name: string;
  scope: string;
  key_prefix: string;
  created_at: string;
  revoked_at: string | null;
}

const toRecord = (r: Row): ApiKeyRecord => ({
  id: r.id,
  portalId: r.portal_id,
  name: r.name,
  scope: r.scope,
  keyPrefix: r.key_prefix,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

const COLUMNS = 'id, portal_id, name, scope, key_prefix, created_at, revoked_at';

/** All SQL about `portal_api_keys`. */
export function createApiKeysRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO portal_api_keys (portal_id, name, scope, key_hash, key_prefix, created_at)
    VALUES (@portalId, @name, @scope, @keyHash, @keyPrefix, @createdAt)`);
  const byHash = db.prepare<[string], Row>(
    `SELECT ${COLUMNS} FROM portal_api_keys WHERE key_hash = ? AND revoked_at IS NULL`,
  );
  const byPortal = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM portal_api_keys WHERE portal_id = ? ORDER BY id`);
  const byId = db.prepare<[number, number], Row>(
    `SELECT ${COLUMNS} FROM portal_api_keys WHERE portal_id = ? AND id = ?`,
  );
  const revoke = db.prepare(
    'UPDATE portal_api_keys SET revoked_at = @now WHERE portal_id = @portalId AND id = @id AND revoked_at IS NULL',
  );
  const removeAll = db.prepare('DELETE FROM portal_api_keys WHERE portal_id = ?');

  return {
    add(k: Omit<ApiKeyRecord, 'id' | 'revokedAt'> & { keyHash: string }): ApiKeyRecord {
      const id = Number(insert.run(k).lastInsertRowid);
      return toRecord(byId.get(k.portalId, id)!);
    },
    /** The live key with this hash (revoked keys are not found). */
    findActiveByHash(keyHash: string): ApiKeyRecord | undefined {
      const row = byHash.get(keyHash);
      return row ? toRecord(row) : undefined;
    },
    find(portalId: number, id: number): ApiKeyRecord | undefined {
      const row = byId.get(portalId, id);
      return row ? toRecord(row) : undefined;
    },
    list(portalId: number): ApiKeyRecord[] {
      return byPortal.all(portalId).map(toRecord);
    },
    revoke(portalId: number, id: number, now: Date): boolean {
      return revoke.run({ portalId, id, now: now.toISOString() }).changes === 1;
    },
    removePortal(portalId: number): number {
      return removeAll.run(portalId).changes;
    },
  };
}

export type ApiKeysRepo = ReturnType<typeof createApiKeysRepo>;
