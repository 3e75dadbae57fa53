import { ASSOCIATION_TYPE } from '../../matching/crmApi.ts';
import { clip, SESSION_PROPS } from '../properties.ts';
import type { ActionItem, Session } from '../sessionSchema.ts';
import { stableHash } from '../stableHash.ts';
import { taskBody } from '../summaryFormat.ts';
import { iso, type RecordWrite, syncKeyOf } from './meetingPlan.ts';

/**
 * A task per action item (reference §6): subject, body, priority, `hs_timestamp` = the due date (required),
 * owner from the assignee's email, NOT_STARTED, associated with the session's contacts (204). An item is keyed by
 * its title (not its position), so a changed session re-creates nothing that exists and adds only new items.
 */
export interface TaskPlan extends RecordWrite {
  item: ActionItem;
  ownerId: string | null;
  ownerReason: string;
}

/** With no due date the task is due a day after the conversation ended [M]. */
const DEFAULT_DUE_AFTER_MS = 24 * 3_600_000;

function dueAt(item: ActionItem, s: Session): string {
  if (item.dueDate) return iso(Date.parse(item.dueDate.length === 10 ? `${item.dueDate}T00:00:00Z` : item.dueDate));
  return iso(Date.parse(s.startTime) + s.durationSeconds * 1000 + DEFAULT_DUE_AFTER_MS);
}

function owner(item: ActionItem, owners: Map<string, string>): { ownerId: string | null; ownerReason: string } {
  if (!item.assigneeEmail) return { ownerId: null, ownerReason: 'no assignee given' };
  const id = owners.get(item.assigneeEmail);
  return id
    ? { ownerId: id, ownerReason: `assignee ${item.assigneeEmail} is HubSpot owner ${id}` }
    : { ownerId: null, ownerReason: `no HubSpot user with email ${item.assigneeEmail}; task left unassigned` };
}

/** Item keys unique within the session: the title's hash, plus a counter for repeated titles. */
export function itemKeys(items: readonly ActionItem[]): string[] {
  const seen = new Map<string, number>();
  return items.map((i) => {
    const base = `task:${stableHash(i.title.trim().toLowerCase()).slice(0, 16)}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}:${n}`;
  });
}

export function planTasks(portalId: number, s: Session, contactIds: string[], owners: Map<string, string>): TaskPlan[] {
  const keys = itemKeys(s.summary.actionItems);
  return s.summary.actionItems.map((item, i) => {
    const itemKey = keys[i]!;
    const who = owner(item, owners);
    const properties: Record<string, string> = {
      hs_timestamp: dueAt(item, s),
      hs_task_subject: clip(item.title, 250),
      hs_task_body: clip(taskBody(item, s)),
      hs_task_priority: item.priority,
      hs_task_status: 'NOT_STARTED',
      hs_task_type: 'TODO',
      [SESSION_PROPS.syncKey]: syncKeyOf(portalId, s.sessionId, itemKey),
    };
    if (who.ownerId) properties.hubspot_owner_id = who.ownerId;
    const write = {
      sessionId: s.sessionId,
      itemKey,
      objectType: 'tasks' as const,
      syncKey: properties[SESSION_PROPS.syncKey]!,
      propsHash: stableHash(properties),
      associations: contactIds.map((id): ['contacts', string] => ['contacts', id]),
    };
    return { item, ...who, properties, write };
  });
}

export const TASK_TO_CONTACT = ASSOCIATION_TYPE.taskToContact;
