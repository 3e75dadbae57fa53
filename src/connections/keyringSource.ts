import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../errors.ts';
import {
  EncryptionKey,
  formatKeyEntry,
  KEY_BYTES,
  KEYS_VARIABLE,
  type Keyring,
  keyringOf,
  parseKeyring,
} from './keyring.ts';

/** File, next to the database, that holds the development key when TOKEN_ENCRYPTION_KEYS is unset. */
export const DEV_KEY_FILE = 'token-encryption.dev.key';

export interface KeyringLogger {
  warn(obj: object, msg: string): void;
}

export interface ResolveKeyringOptions {
  /** TOKEN_ENCRYPTION_KEYS, or undefined when unset. */
  spec: string | undefined;
  nodeEnv: 'development' | 'test' | 'production';
  databasePath: string;
  logger: KeyringLogger;
  randomBytes?: (size: number) => Buffer;
}

/**
 * The keyring the service runs with: TOKEN_ENCRYPTION_KEYS when set; otherwise, outside production only,
 * a random key kept in a 0600 file beside the database (or a throwaway key for `:memory:`).
 * A fixed, well-known dev key would decrypt any copied development database, so there is none.
 */
export function resolveKeyring(o: ResolveKeyringOptions): Keyring {
  if (o.spec !== undefined && o.spec.trim() !== '') return parseKeyring(o.spec);
  if (o.nodeEnv === 'production') {
    throw new AppError('not_configured', `${KEYS_VARIABLE} is required when NODE_ENV=production`);
  }
  const randomBytes = o.randomBytes ?? nodeRandomBytes;
  if (o.databasePath === ':memory:') return keyringOf([new EncryptionKey('ephemeral', randomBytes(KEY_BYTES))]);
  return createDevKeyring({ dataDir: dirname(o.databasePath), nodeEnv: o.nodeEnv, logger: o.logger, randomBytes });
}

/**
 * Reads the development key from `dataDir`, creating it on first use with owner-only permissions.
 * Refused when NODE_ENV=production: a production key must come from the secret store, not a local file.
 */
export function createDevKeyring(o: {
  dataDir: string;
  nodeEnv: string;
  logger: KeyringLogger;
  randomBytes?: (size: number) => Buffer;
}): Keyring {
  const { dataDir, logger, randomBytes = nodeRandomBytes } = o;
  if (o.nodeEnv === 'production') {
    throw new AppError('not_configured', `${KEYS_VARIABLE} is required when NODE_ENV=production`);
  }
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DEV_KEY_FILE);
  const created = createKeyFileOnce(path, randomBytes);
  tightenPermissions(path, logger);
  logger.warn(
    { path, created },
    `${KEYS_VARIABLE} is not set: tokens are encrypted with a development key stored in a file beside the database`,
  );
  return parseKeyring(readFileSync(path, 'utf8').trim());
}

// `wx` fails if the file exists, so two processes starting together never overwrite each other's key.
function createKeyFileOnce(path: string, randomBytes: (size: number) => Buffer): boolean {
  const key = new EncryptionKey(`dev-${randomBytes(4).toString('hex')}`, randomBytes(KEY_BYTES));
  try {
    writeFileSync(path, `${formatKeyEntry(key)}\n`, { mode: 0o600, flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function tightenPermissions(path: string, logger: KeyringLogger): void {
  if (process.platform === 'win32') return;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  chmodSync(path, 0o600);
  logger.warn({ path, mode: mode.toString(8) }, 'development key file was readable by others; reset to 0600');
}
