import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../src/connections/secret.ts';
import { tokenPurpose } from '../../src/connections/tokenStore.ts';
import { reencryptAll } from '../../src/connections/tokenVaultRotation.ts';
import { captureLogs } from '../support/testApp.ts';
import { databaseWithPortals, keyEntry, NOW, storeFor } from './vaultFixtures.ts';

const ACCESS =
  'CNaKSIHAAEAQAAAARiO1ooBIOP0sgEokuLtATIU5m7Kzmjj0ihJJuKFq1TcIiHCqwE6MAAAAEEAAAAAAAAAAgAIUfmerBenQwc07ZHXy6atYNNW8XCVKA25hMVIAWgBgAA';
const REFRESH = '1e8fbfb1-8e96-4826-8b8d-c8af73715';
const PRIVATE_APP = 'pat-na1-11111111-2222-3333-4444-555555555555';

describe('token store', () => {
  it('saves and reads a token with its expiry; a missing token is undefined', () => {
    const { store } = storeFor(databaseWithPortals(), keyEntry('k1'));
    const expiresAt = new Date(NOW + 1800_000);
    store.save(101, 'access', new Secret(ACCESS), expiresAt);
    const opened = store.read(101, 'access');
    expect(opened?.token.reveal()).toBe(ACCESS);
    expect(opened?.expiresAt).toEqual(expiresAt);
    expect(store.read(101, 'refresh')).toBeUndefined();
    expect(store.read(202, 'access')).toBeUndefined();
  });

  it('the database file holds no token in plaintext, only vault values', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'switchboard-tokens-')), 'switchboard.db');
    const db = databaseWithPortals(path);
    const { store } = storeFor(db, keyEntry('k1'));
    store.save(101, 'access', new Secret(ACCESS), new Date(NOW + 1800_000));
    store.save(101, 'refresh', new Secret(REFRESH), null);
    store.save(202, 'private_app', new Secret(PRIVATE_APP), null);
    const stored = db.prepare('SELECT ciphertext FROM connection_tokens').pluck().all() as string[];
    db.close(); // checkpoints the WAL into the main file
    const files = [path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f));
    expect(files.length).toBeGreaterThan(0);
    for (const bytes of files) {
      for (const plaintext of [ACCESS, REFRESH, PRIVATE_APP]) {
        expect(bytes.includes(Buffer.from(plaintext.slice(0, 16)))).toBe(false);
      }
    }
    expect(files[0]!.includes(Buffer.from(stored[0]!))).toBe(true); // the check can see row contents
  });

  it("a ciphertext copied into another portal's row does not open there", () => {
    const db = databaseWithPortals();
    const { store } = storeFor(db, keyEntry('k1'));
    store.save(101, 'refresh', new Secret(REFRESH), null);
    store.save(202, 'refresh', new Secret('portal-202-token'), null);
    db.prepare(`UPDATE connection_tokens SET ciphertext = (SELECT ciphertext FROM connection_tokens WHERE portal_id = 101)
      WHERE portal_id = 202`).run();
    expect(() => store.read(202, 'refresh')).toThrow(/portal:202:refresh_token failed authentication/);
    expect(store.read(101, 'refresh')?.token.reveal()).toBe(REFRESH);
  });

  it('logging a read token prints [secret], never the token', () => {
    const { store } = storeFor(databaseWithPortals(), keyEntry('k1'));
    store.save(101, 'access', new Secret(ACCESS), null);
    const { lines, logger } = captureLogs();
    logger.info({ opened: store.read(101, 'access'), other: { credential: store.read(101, 'access')?.token } }, 'x');
    expect(lines.join('')).toContain('[secret]');
    expect(lines.join('')).not.toContain(ACCESS.slice(0, 16));
  });
});

describe('key rotation with reencryptAll', () => {
  const k1 = keyEntry('k1');
  const k2 = keyEntry('k2');

  function seededUnderK1() {
    const db = databaseWithPortals();
    const { store } = storeFor(db, k1);
    store.save(101, 'access', new Secret(ACCESS), new Date(NOW + 1800_000));
    store.save(101, 'refresh', new Secret(REFRESH), null);
    store.save(202, 'private_app', new Secret(PRIVATE_APP), null);
    return db;
  }

  it('moves every token to the new active key; afterwards the old key can be removed', () => {
    const db = seededUnderK1();
    const rotated = storeFor(db, `${k2},${k1}`);
    expect(rotated.store.read(101, 'refresh')?.token.reveal()).toBe(REFRESH); // old key still decrypts
    const report = reencryptAll(rotated.vault, rotated.store.rotationTarget());
    expect(report).toEqual({ activeKeyId: 'k2', examined: 3, reencrypted: 3, changedConcurrently: 0, failed: [] });
    expect(rotated.repo.countByKey()).toEqual([{ keyId: 'k2', count: 3 }]);
    const onlyK2 = storeFor(db, k2).store;
    expect(onlyK2.read(101, 'access')?.token.reveal()).toBe(ACCESS);
    expect(onlyK2.read(101, 'access')?.expiresAt).toEqual(new Date(NOW + 1800_000));
    expect(onlyK2.read(202, 'private_app')?.token.reveal()).toBe(PRIVATE_APP);
    expect(reencryptAll(rotated.vault, rotated.store.rotationTarget()).examined).toBe(0); // idempotent
  });

  it('without the old key, tokens under it cannot be read (why rotation must run first)', () => {
    const db = seededUnderK1();
    expect(() => storeFor(db, k2).store.read(101, 'refresh')).toThrow(
      /key 'k1', which is not in TOKEN_ENCRYPTION_KEYS/,
    );
  });

  it('one undecryptable row rolls the whole rotation back', () => {
    const db = seededUnderK1();
    db.prepare("UPDATE connection_tokens SET ciphertext = ciphertext || 'AA' WHERE portal_id = 202").run();
    const rotated = storeFor(db, `${k2},${k1}`);
    expect(() => reencryptAll(rotated.vault, rotated.store.rotationTarget())).toThrow(/portal:202/);
    expect(rotated.repo.countByKey()).toEqual([{ keyId: 'k1', count: 3 }]);
  });

  it('with continueOnError, moves what it can and reports the rest', () => {
    const db = seededUnderK1();
    db.prepare("UPDATE connection_tokens SET ciphertext = ciphertext || 'AA' WHERE portal_id = 202").run();
    const rotated = storeFor(db, `${k2},${k1}`);
    const report = reencryptAll(rotated.vault, rotated.store.rotationTarget(), { continueOnError: true });
    expect(report.reencrypted).toBe(2);
    expect(report.failed).toEqual([{ purpose: tokenPurpose(202, 'private_app'), reason: 'token_decrypt_failed' }]);
    expect(rotated.repo.countByKey()).toEqual([
      { keyId: 'k1', count: 1 },
      { keyId: 'k2', count: 2 },
    ]);
  });

  it('a dry run counts and changes nothing', () => {
    const db = seededUnderK1();
    const rotated = storeFor(db, `${k2},${k1}`);
    const report = reencryptAll(rotated.vault, rotated.store.rotationTarget(), { dryRun: true });
    expect(report.reencrypted).toBe(3);
    expect(rotated.repo.countByKey()).toEqual([{ keyId: 'k1', count: 3 }]);
  });

  it('a token refreshed between read and write keeps its newer value', () => {
    const db = seededUnderK1();
    const rotated = storeFor(db, `${k2},${k1}`);
    const target = rotated.store.rotationTarget();
    const racing = {
      ...target,
      listNotUnderKey: (keyId: string) => {
        const rows = target.listNotUnderKey(keyId);
        rotated.store.save(101, 'refresh', new Secret('newer-refresh-token'), null); // a refresh lands meanwhile
        return rows;
      },
    };
    const report = reencryptAll(rotated.vault, racing);
    expect(report).toMatchObject({ reencrypted: 2, changedConcurrently: 1 });
    expect(rotated.store.read(101, 'refresh')?.token.reveal()).toBe('newer-refresh-token');
  });
});
