import { runInBatches, withTraceIds } from '../../hubspot/batching.ts';
import { type CreateInput, objectApis } from '../../matching/crmApi.ts';
import type { PlannedWrite } from '../writeLog.ts';
import { type ExecContext, outcomeUnknown, retryableStatus } from './execContext.ts';

/**
 * Batch creates (≤ 100 per call, inline associations, an objectWriteTraceId per input so a 207 names the failed
 * ones — reference §2) that are recorded around the call: `sending` is committed before the request leaves,
 * `written` with the id right after, per item. An input HubSpot answered with an error is forgotten (it was not
 * created); an input without an answer stays `sending` for recoverLostCreates to resolve by its sync key.
 */
export interface CreateItem {
  write: PlannedWrite;
  input: CreateInput;
}

export type CreateResult = { ok: true; id: string } | { ok: false; reason: string; retryable: boolean };

export const itemId = (w: { sessionId: string; itemKey: string }) => `${w.sessionId}|${w.itemKey}`;

export async function createRecorded(
  ctx: ExecContext,
  type: 'meetings' | 'tasks',
  items: readonly CreateItem[],
): Promise<Map<string, CreateResult>> {
  const out = new Map<string, CreateResult>();
  if (items.length === 0) return out;
  ctx.writes.markSending(
    ctx.portalId,
    items.map((i) => i.write),
    ctx.now(),
  );
  const inputs = withTraceIds(items.map((i) => i.input));
  const results = await runInBatches(inputs, (chunk) =>
    ctx.hubspot(ctx.portalId, { feature: `sessions.${type}`, idempotent: false }, (client) =>
      objectApis(client, type).batch.create({ inputs: chunk }),
    ),
  );
  results.forEach((r, i) => {
    const w = items[i]!.write;
    if (r.ok) {
      ctx.writes.markWritten(ctx.portalId, w, r.result.id, ctx.now());
      out.set(itemId(w), { ok: true, id: r.result.id });
      return;
    }
    if (!outcomeUnknown(r.error.status)) ctx.writes.forgetSending(ctx.portalId, w.sessionId, w.itemKey);
    const reason = `HubSpot did not create the ${type === 'meetings' ? 'meeting' : 'task'}: ${r.error.message}`;
    out.set(itemId(w), { ok: false, reason, retryable: retryableStatus(r.error.status) });
  });
  return out;
}
