import type { Db } from '../db/openDatabase.ts';

export type TokenKind = 'access' | 'refresh' | 'private_app';

/** One sealed token row. `ciphertext` is a vault value; this module never sees plaintext. */
export interface StoredToken {
  portalId: number;
  kind: TokenKind;
  ciphertext: string;
  keyId: string;
  expiresAt: string | null;
  updatedAt: string;
}

interface Row {
  portal_id: number;
  kind: TokenKind;
  ciphertext: string;
  key_id: string;
  expires_at: string | null;
  updated_at: string;
}

const toStoredToken = (r: Row): StoredToken => ({
  portalId: r.portal_id,
  kind: r.kind,
  ciphertext: r.ciphertext,
  keyId: r.key_id,
  expiresAt: r.expires_at,
  updatedAt: r.updated_at,
});

/** All SQL about `connection_tokens`. */
export function createTokensRepo(db: Db) {
  const byKey = db.prepare<[number, string], Row>('SELECT * FROM connection_tokens WHERE portal_id = ? AND kind = ?');
  const notUnderKey = db.prepare<[string], Row>(
    'SELECT * FROM connection_tokens WHERE key_id <> ? ORDER BY portal_id, kind',
  );
  const countsByKey = db.prepare<[], { key_id: string; count: number }>(
    'SELECT key_id, COUNT(*) AS count FROM connection_tokens GROUP BY key_id ORDER BY key_id',
  );
  const upsertStmt = db.prepare(`
    INSERT INTO connection_tokens (portal_id, kind, ciphertext, key_id, expires_at, updated_at)
    VALUES (@portalId, @kind, @ciphertext, @keyId, @expiresAt, @now)
    ON CONFLICT (portal_id, kind) DO UPDATE SET
      ciphertext = excluded.ciphertext, key_id = excluded.key_id,
      expires_at = excluded.expires_at, updated_at = excluded.updated_at`);
  // Compare-and-swap on the old ciphertext: a token refreshed meanwhile is newer and must win.
  const swapStmt = db.prepare(`
    UPDATE connection_tokens SET ciphertext = @ciphertext, key_id = @keyId, updated_at = @now
    WHERE portal_id = @portalId AND kind = @kind AND ciphertext = @expected`);
  const deleteOne = db.prepare('DELETE FROM connection_tokens WHERE portal_id = ? AND kind = ?');
  const deleteAll = db.prepare('DELETE FROM connection_tokens WHERE portal_id = ?');

  return {
    find(portalId: number, kind: TokenKind): StoredToken | undefined {
      const row = byKey.get(portalId, kind);
      return row ? toStoredToken(row) : undefined;
    },
    save(t: Omit<StoredToken, 'updatedAt'>, now: Date): void {
      upsertStmt.run({ ...t, now: now.toISOString() });
    },
    replaceCiphertext(t: StoredToken, ciphertext: string, keyId: string, now: Date): boolean {
      const params = { portalId: t.portalId, kind: t.kind, expected: t.ciphertext, ciphertext, keyId };
      return swapStmt.run({ ...params, now: now.toISOString() }).changes === 1;
    },
    /** Removes one kind, or every token of the portal when `kind` is omitted; returns rows removed. */
    remove(portalId: number, kind?: TokenKind): number {
      return (kind === undefined ? deleteAll.run(portalId) : deleteOne.run(portalId, kind)).changes;
    },
    listNotUnderKey(keyId: string): StoredToken[] {
      return notUnderKey.all(keyId).map(toStoredToken);
    },
    countByKey(): { keyId: string; count: number }[] {
      return countsByKey.all().map((r) => ({ keyId: r.key_id, count: r.count }));
    },
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}

export type TokensRepo = ReturnType<typeof createTokensRepo>;
