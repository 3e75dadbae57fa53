import { ConfigError, loadConfig } from '../../src/config.ts';
import { KEYS_VARIABLE, parseKeyring } from '../../src/connections/keyring.ts';
import { createTokenStore } from '../../src/connections/tokenStore.ts';
import { createTokensRepo } from '../../src/connections/tokensRepo.ts';
import { createTokenVault } from '../../src/connections/tokenVault.ts';
import { createWhatsAppSecrets } from '../../src/messaging/whatsappSecrets.ts';
import { reencryptAll } from '../../src/connections/tokenVaultRotation.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/openDatabase.ts';
import { isAppError } from '../../src/errors.ts';

/**
 * `tsx server/cli/rotateTokenKeys.ts [--dry-run] [--continue-on-error]`
 *
 * Key rotation: put the new key FIRST in TOKEN_ENCRYPTION_KEYS (keep the old ones after it), run this,
 * and once it reports no failures and no rows under old keys, remove the old keys from the variable.
 * Exit codes: 0 done, 1 configuration error, 2 some tokens could not be re-encrypted.
 */
const USAGE = 'usage: rotateTokenKeys [--dry-run] [--continue-on-error]';

/** The service's own configuration (src/config.ts); the keys are optional for the service but not here. */
function readEnv(env: Record<string, string | undefined>) {
  const config = loadConfig(env);
  if (!config.tokenEncryptionKeys) {
    const message = 'required: comma-separated keyId:base64key entries (32-byte keys), the first one encrypts';
    throw new ConfigError([{ variable: KEYS_VARIABLE, message }]);
  }
  return { databasePath: config.databasePath, keys: config.tokenEncryptionKeys };
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs the rotation; returns the process exit code. */
export function runRotateTokenKeys(argv: string[], env: Record<string, string | undefined>, io: CliIo): number {
  const unknown = argv.filter((a) => a !== '--dry-run' && a !== '--continue-on-error');
  if (unknown.length > 0) {
    io.err(`unknown argument ${unknown.join(' ')}\n${USAGE}`);
    return 1;
  }
  let vars: ReturnType<typeof readEnv>;
  try {
    vars = readEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }
  const db = openDatabase(vars.databasePath);
  try {
    migrate(db);
    const repo = createTokensRepo(db);
    const vault = createTokenVault(parseKeyring(vars.keys.reveal()));
    const store = createTokenStore({ repo, vault, now: Date.now });
    const options = { dryRun: argv.includes('--dry-run'), continueOnError: argv.includes('--continue-on-error') };
    const report = reencryptAll(vault, store.rotationTarget(), options);
    // The WhatsApp secrets (access token, app secret, verify token) are sealed by the same keyring.
    const whatsapp = reencryptAll(vault, createWhatsAppSecrets(db, vault, Date.now).rotation, options);
    const whatsappSecrets = { examined: whatsapp.examined, reencrypted: whatsapp.reencrypted, failed: whatsapp.failed };
    io.out(
      JSON.stringify({ ...report, dryRun: options.dryRun, keysInUse: repo.countByKey(), whatsappSecrets }, null, 2),
    );
    return report.failed.length + whatsapp.failed.length > 0 ? 2 : 0;
  } catch (err) {
    if (!isAppError(err)) throw err;
    io.err(`rotation stopped, nothing was changed: ${err.message}`);
    return 2;
  } finally {
    db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const io = { out: (l: string) => process.stdout.write(`${l}\n`), err: (l: string) => process.stderr.write(`${l}\n`) };
  process.exitCode = runRotateTokenKeys(process.argv.slice(2), process.env, io);
}
