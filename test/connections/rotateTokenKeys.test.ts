import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRotateTokenKeys } from '../../server/cli/rotateTokenKeys.ts';
import { Secret } from '../../src/connections/secret.ts';
import { parseKeyring } from '../../src/connections/keyring.ts';
import { createTokenVault } from '../../src/connections/tokenVault.ts';
import { openDatabase } from '../../src/db/openDatabase.ts';
import { createWhatsAppAccountsRepo } from '../../src/messaging/whatsappAccountsRepo.ts';
import { createWhatsAppSecrets } from '../../src/messaging/whatsappSecrets.ts';
import { databaseWithPortals, keyEntry, storeFor } from './vaultFixtures.ts';

function run(argv: string[], env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runRotateTokenKeys(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function databaseUnder(k1: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'switchboard-rotate-')), 'switchboard.db');
  const db = databaseWithPortals(path);
  const { store } = storeFor(db, k1);
  store.save(101, 'access', new Secret('access-101'), null);
  store.save(202, 'refresh', new Secret('refresh-202'), null);
  createWhatsAppAccountsRepo(db).save(
    { portalId: 101, businessAccountId: '1020', numbers: [{ phoneNumberId: '1065', displayNumber: '15550783881' }] },
    Date.now(),
  );
  createWhatsAppSecrets(db, createTokenVault(parseKeyring(k1)), Date.now).save(
    101,
    'app_secret',
    new Secret('meta-101'),
  );
  db.close();
  return path;
}

describe('rotateTokenKeys command', () => {
  const k1 = keyEntry('k1');
  const k2 = keyEntry('k2');

  it('re-encrypts every token under the first key and reports the keys in use', () => {
    const path = databaseUnder(k1);
    const result = run([], { DATABASE_PATH: path, TOKEN_ENCRYPTION_KEYS: `${k2},${k1}` });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({
      activeKeyId: 'k2',
      reencrypted: 2,
      dryRun: false,
      keysInUse: [{ keyId: 'k2', count: 2 }],
      whatsappSecrets: { examined: 1, reencrypted: 1, failed: [] },
    });
    const db = openDatabase(path);
    expect(storeFor(db, k2).store.read(202, 'refresh')?.token.reveal()).toBe('refresh-202');
    const k2Only = createWhatsAppSecrets(db, createTokenVault(parseKeyring(k2)), Date.now);
    expect(k2Only.read(101, 'app_secret')?.reveal()).toBe('meta-101');
    db.close();
  });

  it('--dry-run writes nothing', () => {
    const path = databaseUnder(k1);
    const result = run(['--dry-run'], { DATABASE_PATH: path, TOKEN_ENCRYPTION_KEYS: `${k2},${k1}` });
    expect(JSON.parse(result.out)).toMatchObject({
      reencrypted: 2,
      dryRun: true,
      keysInUse: [{ keyId: 'k1', count: 2 }],
    });
  });

  it.each([
    ['missing', undefined, /TOKEN_ENCRYPTION_KEYS: required: comma-separated keyId:base64key/],
    ['malformed', 'k2:short', /TOKEN_ENCRYPTION_KEYS: .*key 'k2'/],
  ])('with TOKEN_ENCRYPTION_KEYS %s, exits 1 naming the variable', (_case, keys, message) => {
    const result = run([], { DATABASE_PATH: databaseUnder(k1), TOKEN_ENCRYPTION_KEYS: keys });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
  });

  it('when the old key is already gone, stops without changing anything and exits 2', () => {
    const path = databaseUnder(k1);
    const result = run([], { DATABASE_PATH: path, TOKEN_ENCRYPTION_KEYS: k2 });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/nothing was changed: .*key 'k1'/);
  });

  it('an unknown flag is refused with the usage line', () => {
    expect(run(['--force'], {}).err).toMatch(/unknown argument --force\nusage:/);
  });
});
