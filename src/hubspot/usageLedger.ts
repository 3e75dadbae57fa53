import type { Db } from '../db/openDatabase.ts';
import { normalizeEndpoint } from './endpointTemplate.ts';

/** One HubSpot call as the gateway saw it. `status` 0 means no response arrived. */
export interface UsageEvent {
  portalId: number;
  feature: string;
  method: string;
  /** Full URL or path; normalised to a template before it is counted (ids and tokens never stored). */
  path: string;
  status: number;
}

export interface UsageRow {
  portalId: number;
  day: string;
  feature: string;
  endpoint: string;
  status: number;
  count: number;
}

export interface FeatureTotals {
  feature: string;
  calls: number;
  ok: number;
  clientErrors: number;
  rateLimited: number;
  serverErrors: number;
}

export interface DayRange {
  /** Inclusive UTC days, `YYYY-MM-DD`. */
  fromDay: string;
  toDay: string;
}

export interface UsageLedgerOptions {
  now?: () => number;
  /** Pending records that trigger a write; 1 = write every call. Default 200. Call flush() on shutdown. */
  flushEvery?: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of an instant, `YYYY-MM-DD`. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function checkRange(range: DayRange): void {
  if (!DAY.test(range.fromDay) || !DAY.test(range.toDay)) throw new RangeError('days must look like YYYY-MM-DD');
}

const TOTALS_SQL = `
  SELECT feature, SUM(count) AS calls,
    SUM(CASE WHEN status BETWEEN 200 AND 399 THEN count ELSE 0 END) AS ok,
    SUM(CASE WHEN status BETWEEN 400 AND 499 AND status <> 429 THEN count ELSE 0 END) AS clientErrors,
    SUM(CASE WHEN status = 429 THEN count ELSE 0 END) AS rateLimited,
    SUM(CASE WHEN status >= 500 OR status = 0 THEN count ELSE 0 END) AS serverErrors
  FROM hubspot_api_usage
  WHERE day BETWEEN @fromDay AND @toDay AND (@portalId IS NULL OR portal_id = @portalId)
  GROUP BY feature ORDER BY feature`;

/**
 * Counts HubSpot calls. `record` only bumps an in-memory counter (the hot path does no I/O);
 * `flush` writes all pending counters in one transaction with `count = count + n`.
 * Queries flush first, so this process always reads its own writes.
 */
export function createUsageLedger(db: Db, options: UsageLedgerOptions = {}) {
  const now = options.now ?? Date.now;
  const flushEvery = options.flushEvery ?? 200;
  const upsert = db.prepare(`
    INSERT INTO hubspot_api_usage (portal_id, day, feature, endpoint, status, count)
    VALUES (@portalId, @day, @feature, @endpoint, @status, @count)
    ON CONFLICT (portal_id, day, feature, endpoint, status) DO UPDATE SET count = count + excluded.count`);
  const rowsStmt = db.prepare<Record<string, unknown>, UsageRow>(`
    SELECT portal_id AS portalId, day, feature, endpoint, status, count FROM hubspot_api_usage
    WHERE portal_id = @portalId AND day BETWEEN @fromDay AND @toDay
    ORDER BY day, feature, endpoint, status`);
  const totalsStmt = db.prepare<Record<string, unknown>, FeatureTotals>(TOTALS_SQL);
  const writeAll = db.transaction((rows: UsageRow[]) => {
    for (const row of rows) upsert.run(row);
  });
  let pending = new Map<string, UsageRow>();
  let pendingCalls = 0;

  function flush(): number {
    if (pending.size === 0) return 0;
    const rows = [...pending.values()];
    writeAll(rows);
    pending = new Map();
    pendingCalls = 0;
    return rows.length;
  }

  function record(e: UsageEvent): void {
    const row = { portalId: e.portalId, day: utcDay(now()), feature: e.feature, status: e.status };
    const endpoint = normalizeEndpoint(e.method, e.path);
    const key = `${row.portalId}\u0000${row.day}\u0000${row.feature}\u0000${endpoint}\u0000${row.status}`;
    const existing = pending.get(key);
    if (existing) existing.count += 1;
    else pending.set(key, { ...row, endpoint, count: 1 });
    pendingCalls += 1;
    if (pendingCalls >= flushEvery) flush();
  }

  return {
    record,
    flush,
    /** Every counter of a portal in a day range. */
    rows(portalId: number, range: DayRange): UsageRow[] {
      checkRange(range);
      flush();
      return rowsStmt.all({ portalId, ...range });
    },
    /** Calls per feature in a day range, for one portal or (portalId omitted) all of them. */
    totalsByFeature(range: DayRange & { portalId?: number }): FeatureTotals[] {
      checkRange(range);
      flush();
      return totalsStmt.all({ portalId: range.portalId ?? null, fromDay: range.fromDay, toDay: range.toDay });
    },
  };
}

export type UsageLedger = ReturnType<typeof createUsageLedger>;
