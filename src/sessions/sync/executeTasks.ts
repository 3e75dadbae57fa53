import { associationTo } from '../../matching/crmApi.ts';
import type { TaskResult } from '../syncResult.ts';
import type { ExecContext, SessionFailures } from './execContext.ts';
import type { SessionPlan } from './planSession.ts';
import { type CreateItem, createRecorded, itemId } from './recordedCreates.ts';
import type { WriteRecords } from './recoverLostCreates.ts';
import { TASK_TO_CONTACT } from './taskPlan.ts';

/**
 * Tasks of every planned session in as few batch creates as possible (100 per call, reference §2), each with
 * inline task→contact associations (204, §4.2). A task recorded as written is never created again, whatever its
 * state in HubSpot now (a rep may have completed it). Returns the tasks per session.
 */
export async function executeTasks(
  ctx: ExecContext,
  plans: readonly SessionPlan[],
  records: WriteRecords,
  failures: SessionFailures,
): Promise<Map<string, TaskResult[]>> {
  const known = new Map<string, string>();
  const creates: CreateItem[] = [];
  for (const plan of plans) {
    for (const t of plan.tasks) {
      const record = records.get(plan.sessionId)?.get(t.write.itemKey);
      if (record?.hubspotId) known.set(itemId(t.write), record.hubspotId);
      else {
        const associations = t.write.associations.map(([, id]) => associationTo(id, TASK_TO_CONTACT));
        creates.push({ write: t.write, input: { properties: t.properties, associations } });
      }
    }
  }
  for (const [id, result] of await createRecorded(ctx, 'tasks', creates)) {
    if (result.ok) known.set(id, result.id);
    else failures.fail(id.slice(0, id.lastIndexOf('|')), result.reason, result.retryable);
  }
  const out = new Map<string, TaskResult[]>();
  for (const plan of plans) {
    const tasks = plan.tasks.flatMap((t): TaskResult[] => {
      const taskId = known.get(itemId(t.write));
      if (!taskId) return [];
      return [
        { itemKey: t.write.itemKey, title: t.item.title, taskId, ownerId: t.ownerId, ownerReason: t.ownerReason },
      ];
    });
    out.set(plan.sessionId, tasks);
  }
  return out;
}
