import type { Secret } from '../connections/secret.ts';
import type { TokenVault } from '../connections/tokenVault.ts';
import type { ReencryptTarget, SealedRecord } from '../connections/tokenVaultRotation.ts';
import type { Db } from '../db/openDatabase.ts';

/**
 * A portal's WhatsApp secrets, sealed by the token vault (AES-256-GCM) like HubSpot tokens: the access
 * token, the Meta app secret (webhook signatures, reference/whatsapp.md §2) and the verify token (GET
 * handshake). The purpose `portal:<id>:whatsapp_<kind>` is the associated data, so a ciphertext copied to
 * another row does not open. Plaintext exists only as `Secret`, which never prints.
 */
export type WhatsAppSecretKind = 'token' | 'app_secret' | 'verify_token';

export const whatsappSecretPurpose = (portalId: number, kind: WhatsAppSecretKind): string =>
  `portal:${portalId}:whatsapp_${kind}`;

interface Row {
  portal_id: number;
  kind: WhatsAppSecretKind;
  ciphertext: string;
  key_id: string;
}

export interface SealedWhatsAppSecret extends SealedRecord {
  portalId: number;
  kind: WhatsAppSecretKind;
}

const toSealed = (r: Row): SealedWhatsAppSecret => ({
  portalId: r.portal_id,
  kind: r.kind,
  ciphertext: r.ciphertext,
  purpose: whatsappSecretPurpose(r.portal_id, r.kind),
});

export function createWhatsAppSecrets(db: Db, vault: TokenVault, now: () => number) {
  const findStmt = db.prepare<[number, string], Row>('SELECT * FROM whatsapp_secrets WHERE portal_id = ? AND kind = ?');
  const upsertStmt = db.prepare(`
    INSERT INTO whatsapp_secrets (portal_id, kind, ciphertext, key_id, updated_at)
    VALUES (@portalId, @kind, @ciphertext, @keyId, @now)
    ON CONFLICT (portal_id, kind) DO UPDATE SET ciphertext = excluded.ciphertext, key_id = excluded.key_id,
      updated_at = excluded.updated_at`);
  const notUnderKey = db.prepare<[string], Row>(
    'SELECT * FROM whatsapp_secrets WHERE key_id <> ? ORDER BY portal_id, kind',
  );
  // Compare-and-swap on the old ciphertext: a secret replaced meanwhile is newer and must win.
  const swapStmt = db.prepare(`
    UPDATE whatsapp_secrets SET ciphertext = @ciphertext, key_id = @keyId, updated_at = @now
    WHERE portal_id = @portalId AND kind = @kind AND ciphertext = @expected`);

  /** Key rotation (reencryptAll in tokenVaultRotation.ts) covers these rows too. */
  const rotation: ReencryptTarget<SealedWhatsAppSecret> = {
    listNotUnderKey: (keyId) => notUnderKey.all(keyId).map(toSealed),
    replaceCiphertext: (record, ciphertext, keyId) =>
      swapStmt.run({
        portalId: record.portalId,
        kind: record.kind,
        expected: record.ciphertext,
        ciphertext,
        keyId,
        now: now(),
      }).changes === 1,
    transaction: (fn) => db.transaction(fn)(),
  };

  return {
    /** Seals and stores one secret (the portal's account row must exist). */
    save(portalId: number, kind: WhatsAppSecretKind, secret: Secret): void {
      const ciphertext = vault.encrypt(secret, whatsappSecretPurpose(portalId, kind));
      upsertStmt.run({ portalId, kind, ciphertext, keyId: vault.activeKeyId, now: now() });
    },
    /** The secret, or undefined when none is stored; throws AppError when it cannot be opened. */
    read(portalId: number, kind: WhatsAppSecretKind): Secret | undefined {
      const row = findStmt.get(portalId, kind);
      return row ? vault.decrypt(row.ciphertext, whatsappSecretPurpose(portalId, kind)) : undefined;
    },
    rotation,
  };
}

export type WhatsAppSecrets = ReturnType<typeof createWhatsAppSecrets>;
