/** The SQL behind claiming and releasing leases, kept apart so the logic in sqliteLeases.ts reads plainly. */

const CLEAR_LEASE = 'lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL';

/**
 * Expired leases: back to pending (due now) while attempts remain, else dead. SET expressions see the
 * pre-update row, so the message can still name the owner whose lease lapsed.
 */
export function reapSql(to: 'pending' | 'dead'): string {
  const attemptsLeft = to === 'pending' ? 'attempts < max_attempts' : 'attempts >= max_attempts';
  const timing = to === 'pending' ? 'run_at = @now' : 'finished_at = @now';
  return `UPDATE jobs SET status = '${to}', ${timing}, updated_at = @now, ${CLEAR_LEASE},
      last_error_code = 'lease_expired',
      last_error_message = 'lease of ' || lease_owner || ' expired without an outcome'
    WHERE status = 'running' AND lease_expires_at <= @now AND ${attemptsLeft}
    RETURNING *`;
}

/**
 * Claim = one UPDATE over the ids the subquery picks, inside BEGIN IMMEDIATE. The outer `status = 'pending'`
 * repeats the subquery's condition so the statement stays a compare-and-swap even if reused outside a
 * write-locked transaction. Each job gets its own token (batch token + id).
 */
export const claimSql = `UPDATE jobs SET
    status = 'running', attempts = attempts + 1, claimed_at = @now, updated_at = @now,
    lease_owner = @workerId, lease_token = @token || '.' || id, lease_expires_at = @leaseUntil
  WHERE status = 'pending' AND id IN (
    SELECT j.id FROM jobs j
    WHERE j.status = 'pending' AND j.run_at <= @now
      AND (@types IS NULL OR j.type IN (SELECT value FROM json_each(@types)))
      AND NOT EXISTS (SELECT 1 FROM job_portal_pauses p WHERE p.portal_id = j.portal_id)
    ORDER BY j.priority DESC, j.run_at, j.id
    LIMIT @limit)
  RETURNING *`;

/** Ends a lease: complete, fail, retry-after. `giveBack` = 1 returns the attempt the claim counted. */
export const releaseSql = `UPDATE jobs SET
    status = @status, run_at = COALESCE(@runAt, run_at), finished_at = @finishedAt, updated_at = @now,
    attempts = attempts - @giveBack, deferrals = deferrals + @giveBack,
    result = COALESCE(@result, result),
    last_error_code = COALESCE(@code, last_error_code), last_error_message = COALESCE(@message, last_error_message),
    ${CLEAR_LEASE}
  WHERE id = @id AND status = 'running' AND lease_token = @token
  RETURNING *`;
