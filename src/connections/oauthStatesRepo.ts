import type { Db } from '../db/openDatabase.ts';

/** All SQL about OAuth `state` nonces. */
export function createOAuthStatesRepo(db: Db) {
  const insert = db.prepare('INSERT INTO oauth_states (nonce, expires_at) VALUES (?, ?)');
  // Compare-and-swap: of two callbacks racing with one state, exactly one sees changes === 1.
  const use = db.prepare(
    'UPDATE oauth_states SET used_at = @now WHERE nonce = @nonce AND used_at IS NULL AND expires_at > @now',
  );
  const prune = db.prepare('DELETE FROM oauth_states WHERE expires_at < ?');
  return {
    add(nonce: string, expiresAt: number): void {
      insert.run(nonce, expiresAt);
    },
    /** True when the nonce existed, was unused and unexpired; it is used from now on. */
    consume(nonce: string, now: number): boolean {
      return use.run({ nonce, now }).changes === 1;
    },
    /** Drops nonces that expired before `before` (used ones included: they can never be accepted again). */
    prune(before: number): number {
      return prune.run(before).changes;
    },
  };
}

export type OAuthStatesRepo = ReturnType<typeof createOAuthStatesRepo>;
