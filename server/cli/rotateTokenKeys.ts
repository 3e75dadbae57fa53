import { z } from 'zod';
import { ConfigError } from '../../src/config.ts';
import { parseKeyring, tokenEncryptionKeysSchema } from '../../src/connections/keyring.ts';
import { createTokenStore } from '../../src/connections/tokenStore.ts';
import { createTokensRepo } from '../../src/connections/tokensRepo.ts';
import { createTokenVault } from '../../src/connections/tokenVault.ts';
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
const EnvSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/switchboard.db'),
  TOKEN_ENCRYPTION_KEYS: tokenEncryptionKeysSchema,
});

const USAGE = 'usage: rotateTokenKeys [--dry-run] [--continue-on-error]';

function readEnv(env: Record<string, string | undefined>) {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  }
  return result.data;
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
  let vars: z.output<typeof EnvSchema>;
  try {
    vars = readEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }
  const db = openDatabase(vars.DATABASE_PATH);
  try {
    migrate(db);
    const repo = createTokensRepo(db);
    const vault = createTokenVault(parseKeyring(vars.TOKEN_ENCRYPTION_KEYS));
    const store = createTokenStore({ repo, vault, now: Date.now });
    const options = { dryRun: argv.includes('--dry-run'), continueOnError: argv.includes('--continue-on-error') };
    const report = reencryptAll(vault, store.rotationTarget(), options);
    io.out(JSON.stringify({ ...report, dryRun: options.dryRun, keysInUse: repo.countByKey() }, null, 2));
    return report.failed.length > 0 ? 2 : 0;
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
