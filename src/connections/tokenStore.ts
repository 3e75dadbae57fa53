import type { Secret } from './secret.ts';
import type { TokenVault } from './tokenVault.ts';
import type { ReencryptTarget, SealedRecord } from './tokenVaultRotation.ts';
import type { StoredToken, TokenKind, TokensRepo } from './tokensRepo.ts';

const PURPOSE_SUFFIX: Record<TokenKind, string> = {
  access: 'access_token',
  refresh: 'refresh_token',
  private_app: 'private_app_token',
};

/** The associated data a token is sealed with: a ciphertext only opens in the row it was written for. */
export const tokenPurpose = (portalId: number, kind: TokenKind): string => `portal:${portalId}:${PURPOSE_SUFFIX[kind]}`;

export interface OpenedToken {
  token: Secret;
  expiresAt: Date | null;
}

export interface TokenStoreDeps {
  repo: TokensRepo;
  vault: TokenVault;
  now: () => number;
}

type RotationRecord = StoredToken & SealedRecord;

/** Tokens in, tokens out: seals on write, opens on read. The OAuth flow and the gateway use only this. */
export function createTokenStore({ repo, vault, now }: TokenStoreDeps) {
  return {
    save(portalId: number, kind: TokenKind, token: Secret, expiresAt: Date | null): void {
      const ciphertext = vault.encrypt(token, tokenPurpose(portalId, kind));
      const row = { portalId, kind, ciphertext, keyId: vault.activeKeyId, expiresAt: expiresAt?.toISOString() ?? null };
      repo.save(row, new Date(now()));
    },
    /** The token, or undefined when none is stored; throws AppError when it cannot be decrypted. */
    read(portalId: number, kind: TokenKind): OpenedToken | undefined {
      const row = repo.find(portalId, kind);
      if (!row) return undefined;
      const token = vault.decrypt(row.ciphertext, tokenPurpose(portalId, kind));
      return { token, expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt) };
    },
    remove(portalId: number, kind?: TokenKind): number {
      return repo.remove(portalId, kind);
    },
    /** The `connection_tokens` table as a target for reencryptAll. */
    rotationTarget(): ReencryptTarget<RotationRecord> {
      return {
        listNotUnderKey: (keyId) =>
          repo.listNotUnderKey(keyId).map((t) => ({ ...t, purpose: tokenPurpose(t.portalId, t.kind) })),
        replaceCiphertext: (record, ciphertext, keyId) =>
          repo.replaceCiphertext(record, ciphertext, keyId, new Date(now())),
        transaction: (fn) => repo.transaction(fn),
      };
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
