import { Router } from 'express';
import { z } from 'zod';
import { DeadLetterQuery, type DeadLetter, type DeadLetterPage } from '@switchboard/contract';
import { AppError } from '../../src/errors.ts';
import type { Job, Queue } from '../../src/jobs/index.ts';
import { adminAccessOf, onlyPortalOf, requirePortalAccess } from '../middleware/adminAuth.ts';
import { parseOrThrow } from '../parse.ts';

export type DeadLetterQueue = Pick<Queue, 'listDeadLetters' | 'replay' | 'get'>;

const toDeadLetter = (job: Job): DeadLetter => ({
  jobId: job.id,
  portalId: job.portalId,
  type: job.type,
  objectKey: job.objectKey,
  attempts: job.attempts,
  lastError: job.lastError ? { code: job.lastError.code, message: job.lastError.message } : null,
  replays: job.replays,
  failedAt: job.finishedAt,
});

/**
 * The dead-letter list and its replay (mounted under adminAuth): what ran out of attempts, why, and a way to run it
 * again once the cause is fixed. A HubSpot-signed caller (the settings page) only sees and replays its own portal's.
 */
export function adminDeadLetterRoutes(queue: DeadLetterQueue): Router {
  const router = Router();
  router.get('/dead-letters', async (req, res) => {
    const q = parseOrThrow(DeadLetterQuery, req.query, 'query');
    if (q.portalId !== undefined) requirePortalAccess(res, q.portalId);
    const page = await queue.listDeadLetters({
      portalId: onlyPortalOf(res) ?? q.portalId,
      type: q.type,
      limit: q.limit,
      cursor: q.cursor ?? null,
    });
    const body: DeadLetterPage = { deadLetters: page.items.map(toDeadLetter), nextCursor: page.nextCursor };
    res.json(body);
  });
  router.post('/dead-letters/:jobId/replay', async (req, res) => {
    const { jobId } = parseOrThrow(z.object({ jobId: z.coerce.number().int().positive() }), req.params, 'path');
    const job = await queue.get(jobId);
    const only = onlyPortalOf(res);
    // Another portal's job is "not found" for a portal-scoped caller: it must not learn that the id exists.
    if (job?.status !== 'dead' || (only !== undefined && job.portalId !== only)) {
      throw new AppError('not_found', `No dead-lettered job ${jobId}`);
    }
    const access = adminAccessOf(res);
    const by = access.kind === 'portal' ? `portal:${access.portalId}` : 'operator';
    res.json({ replayed: await queue.replay(jobId, by) });
  });
  return router;
}
