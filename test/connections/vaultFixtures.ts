import { randomBytes } from 'node:crypto';
import { createInstallationsRepo } from '../../src/connections/installationsRepo.ts';
import { parseKeyring } from '../../src/connections/keyring.ts';
import { createTokenStore } from '../../src/connections/tokenStore.ts';
import { createTokensRepo } from '../../src/connections/tokensRepo.ts';
import { createTokenVault } from '../../src/connections/tokenVault.ts';
import { migrate } from '../../src/db/migrate.ts';
import { type Db, openDatabase } from '../../src/db/openDatabase.ts';

/** A fresh `keyId:base64key` entry with a random 32-byte key. */
export const keyEntry = (id: string, bytes = 32) => `${id}:${randomBytes(bytes).toString('base64')}`;

/** A vault over the given TOKEN_ENCRYPTION_KEYS value. */
export const vaultFor = (spec: string) => createTokenVault(parseKeyring(spec));

export const NOW = Date.parse('2026-03-01T12:00:00Z');

/** A migrated database with installations for `portalIds` (tokens reference installations). */
export function databaseWithPortals(path = ':memory:', portalIds: number[] = [101, 202, 303]): Db {
  const db = openDatabase(path);
  migrate(db);
  const installations = createInstallationsRepo(db);
  for (const portalId of portalIds) {
    installations.upsert(
      { portalId, authKind: 'oauth', status: 'active', statusReason: null, hubDomain: null },
      new Date(NOW),
    );
  }
  return db;
}

/** The token store over `db` with the given keys. */
export function storeFor(db: Db, spec: string) {
  const repo = createTokensRepo(db);
  const vault = vaultFor(spec);
  return { repo, vault, store: createTokenStore({ repo, vault, now: () => NOW }) };
}
