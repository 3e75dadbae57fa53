import { z } from 'zod';

/**
 * `GET /admin/integration-log`: the job run log (one row per finished run of a job) for the health views.
 * An operator sees every portal (or one, with `portalId`); a HubSpot-signed settings page only its own.
 */
export const IntegrationLogQuery = z.object({
  portalId: z.coerce.number().int().positive().optional(),
  /** Job type, e.g. `orders.dealStageChanged`, `workflowActions.completeCallback`. */
  type: z.string().trim().min(1).max(100).optional(),
  /** `failures`: runs that did not complete (retrying, failed, dead). */
  outcome: z.enum(['all', 'failures']).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Paging backwards: the `nextBeforeId` of the previous page. */
  beforeId: z.coerce.number().int().positive().optional(),
});
export type IntegrationLogQuery = z.input<typeof IntegrationLogQuery>;

export interface IntegrationLogRun {
  id: number;
  jobId: number;
  portalId: number;
  type: string;
  /** `deal:123`: the CRM object the job was about. */
  objectKey: string | null;
  outcome: 'completed' | 'retrying' | 'dead' | 'failed' | 'replayed';
  attempt: number;
  durationMs: number | null;
  reason: { code: string; message: string } | null;
  at: number;
}

export interface IntegrationLogPage {
  runs: IntegrationLogRun[];
  /** Pass as `beforeId` for older runs; null on the last page. */
  nextBeforeId: number | null;
}

/** `GET /admin/dead-letters`: jobs that used up their attempts, with their last error, newest first. */
export const DeadLetterQuery = z.object({
  portalId: z.coerce.number().int().positive().optional(),
  type: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type DeadLetterQuery = z.input<typeof DeadLetterQuery>;

export interface DeadLetter {
  jobId: number;
  portalId: number;
  type: string;
  objectKey: string | null;
  attempts: number;
  lastError: { code: string; message: string } | null;
  replays: number;
  failedAt: number | null;
}

export interface DeadLetterPage {
  deadLetters: DeadLetter[];
  nextCursor: string | null;
}
