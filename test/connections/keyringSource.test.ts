import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_KEY_FILE, resolveKeyring } from '../../src/connections/keyringSource.ts';
import { keyEntry } from './vaultFixtures.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'switchboard-keys-'));

function recordingLogger() {
  const warnings: { obj: object; msg: string }[] = [];
  return { warnings, logger: { warn: (obj: object, msg: string) => warnings.push({ obj, msg }) } };
}

describe('where the keyring comes from', () => {
  it('uses TOKEN_ENCRYPTION_KEYS when it is set, in any environment', () => {
    const { logger, warnings } = recordingLogger();
    const keyring = resolveKeyring({ spec: keyEntry('prod1'), nodeEnv: 'production', databasePath: '/x/db', logger });
    expect(keyring.active.id).toBe('prod1');
    expect(warnings).toEqual([]);
  });

  it('in production without keys, refuses to start and names the variable', () => {
    const { logger } = recordingLogger();
    const dir = tempDir();
    expect(() =>
      resolveKeyring({ spec: undefined, nodeEnv: 'production', databasePath: join(dir, 'db.sqlite'), logger }),
    ).toThrow(/TOKEN_ENCRYPTION_KEYS is required when NODE_ENV=production/);
    expect(() => statSync(join(dir, DEV_KEY_FILE))).toThrow(/ENOENT/);
  });

  it('in development, creates one random key in a 0600 file beside the database, warns, and reuses it', () => {
    const dir = join(tempDir(), 'data');
    const first = recordingLogger();
    const options = { spec: undefined, nodeEnv: 'development' as const, databasePath: join(dir, 'switchboard.db') };
    const a = resolveKeyring({ ...options, logger: first.logger });
    const file = join(dir, DEV_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.warnings[0]?.msg).toMatch(/TOKEN_ENCRYPTION_KEYS is not set/);
    expect(first.warnings[0]?.obj).toMatchObject({ created: true });
    const b = resolveKeyring({ ...options, logger: recordingLogger().logger });
    expect(b.active.id).toBe(a.active.id);
    expect(b.active.material().equals(a.active.material())).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^dev-[0-9a-f]{8}:[A-Za-z0-9+/]+=*\n$/);
  });

  it('two development databases get different keys (no shared, well-known key)', () => {
    const { logger } = recordingLogger();
    const a = resolveKeyring({ spec: '', nodeEnv: 'development', databasePath: join(tempDir(), 'db'), logger });
    const b = resolveKeyring({ spec: '', nodeEnv: 'development', databasePath: join(tempDir(), 'db'), logger });
    expect(a.active.material().equals(b.active.material())).toBe(false);
  });

  it('a key file readable by others is reset to 0600 with a warning', () => {
    const dir = tempDir();
    writeFileSync(join(dir, DEV_KEY_FILE), `${keyEntry('dev-legacy')}\n`, { mode: 0o644 });
    const { logger, warnings } = recordingLogger();
    const keyring = resolveKeyring({ spec: undefined, nodeEnv: 'test', databasePath: join(dir, 'db'), logger });
    expect(keyring.active.id).toBe('dev-legacy');
    expect(statSync(join(dir, DEV_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(warnings.map((w) => w.msg).join('\n')).toMatch(/readable by others/);
  });

  it('an in-memory database gets a throwaway key and writes no file', () => {
    const { logger, warnings } = recordingLogger();
    const keyring = resolveKeyring({ spec: undefined, nodeEnv: 'test', databasePath: ':memory:', logger });
    expect(keyring.active.id).toBe('ephemeral');
    expect(warnings).toEqual([]);
  });
});
