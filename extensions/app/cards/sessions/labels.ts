import type { ActionItemPriority, Sentiment, SessionStatus } from '@switchboard/contract';

/**
 * What the card shows for the contract's identifiers. The rule and outcome sets are open strings in the contract
 * (the matching engine may grow rules), so an unknown one is shown as written rather than refused.
 */

type TagVariant = 'default' | 'warning' | 'success' | 'error' | 'info';
type StatusVariant = 'danger' | 'warning' | 'info' | 'success' | 'default';

export const SENTIMENT: Record<Sentiment, { label: string; variant: TagVariant }> = {
  positive: { label: 'Positive', variant: 'success' },
  neutral: { label: 'Neutral', variant: 'default' },
  negative: { label: 'Negative', variant: 'error' },
  mixed: { label: 'Mixed', variant: 'warning' },
};

export const SYNC_STATUS: Record<SessionStatus, { label: string; variant: StatusVariant }> = {
  pending: { label: 'Sync pending', variant: 'info' },
  synced: { label: 'Synced to HubSpot', variant: 'success' },
  failed: { label: 'Sync failed', variant: 'danger' },
};

/** HubSpot's hs_task_status values (tasks API); the variants follow HubSpot's own task list colours. */
const TASK_STATUS: Record<string, { label: string; variant: StatusVariant }> = {
  NOT_STARTED: { label: 'Not started', variant: 'default' },
  IN_PROGRESS: { label: 'In progress', variant: 'info' },
  WAITING: { label: 'Waiting', variant: 'warning' },
  DEFERRED: { label: 'Deferred', variant: 'default' },
  COMPLETED: { label: 'Completed', variant: 'success' },
};

/** `SOME_VALUE` / `some_value` → "Some value". */
function words(id: string): string {
  const w = id.replace(/_/g, ' ').trim().toLowerCase();
  return w === '' ? id : w.charAt(0).toUpperCase() + w.slice(1);
}

/**
 * An action item's task as the rep should read it. No task id: the session has not synced yet, or the portal
 * does not create tasks from action items. A task id without a status: HubSpot did not say (task deleted, or
 * the read failed), which is not the same as "not started".
 */
export function taskStatus(taskId: string | null, status: string | null): { label: string; variant: StatusVariant } {
  if (taskId === null) return { label: 'No task', variant: 'default' };
  if (status === null) return { label: 'Status unknown', variant: 'warning' };
  return TASK_STATUS[status] ?? { label: words(status), variant: 'default' };
}

const RULE: Record<string, string> = {
  email: 'email',
  fullName: 'full name',
  phone: 'phone',
  companyDomain: 'company domain',
  create: 'create when no match',
  skip: 'skip when no match',
  defaultContact: 'default contact',
};

export const ruleLabel = (rule: string): string => RULE[rule] ?? rule;

const OUTCOME: Record<string, { label: string; variant: TagVariant }> = {
  matched: { label: 'Matched', variant: 'success' },
  created: { label: 'Created', variant: 'info' },
  default: { label: 'Default contact', variant: 'warning' },
  skipped: { label: 'Skipped', variant: 'default' },
  failed: { label: 'Not matched', variant: 'error' },
};

export const outcomeOf = (outcome: string): { label: string; variant: TagVariant } =>
  OUTCOME[outcome] ?? { label: words(outcome), variant: 'default' };

export const PRIORITY: Record<ActionItemPriority, string> = {
  LOW: 'Low priority',
  MEDIUM: 'Medium priority',
  HIGH: 'High priority',
};
