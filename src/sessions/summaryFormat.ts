import type { ActionItem, Session } from './sessionSchema.ts';

/**
 * The session as HubSpot text. Meeting body, internal notes and task notes are HTML properties (the meeting
 * and task "description" fields render rich text), so every value from the platform is escaped.
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const list = (items: readonly string[]) => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;

function section(title: string, items: readonly string[]): string {
  return items.length === 0 ? '' : `<p><strong>${title}</strong></p>${list(items)}`;
}

/** `hs_meeting_body`: the formatted summary — brief, sentiment and insights. */
export function meetingBody(s: Session): string {
  return [
    `<p>${escapeHtml(s.summary.brief)}</p>`,
    `<p><strong>Sentiment:</strong> ${s.summary.sentiment}</p>`,
    section('Insights', s.summary.insights),
  ].join('');
}

/** One action item as a line: "Send pricing (HIGH, due 2026-03-01, ann@acme.com)". */
export function actionItemLine(a: ActionItem): string {
  const facts = [a.priority, a.dueDate && `due ${a.dueDate.slice(0, 10)}`, a.assigneeEmail].filter(Boolean);
  return `${a.title} (${facts.join(', ')})`;
}

/** `hs_internal_meeting_notes`: key points, action items and next steps. */
export function internalNotes(s: Session): string {
  return [
    section('Key points', s.summary.keyPoints),
    section('Action items', s.summary.actionItems.map(actionItemLine)),
    section('Next steps', s.summary.nextSteps),
  ].join('');
}

/** `hs_task_body`: the item's description and where it came from. */
export function taskBody(a: ActionItem, s: Session): string {
  const from = `<p>From the conversation “${escapeHtml(s.title)}” on ${s.startTime.slice(0, 10)}.</p>`;
  return a.description ? `<p>${escapeHtml(a.description)}</p>${from}` : from;
}

/** Whole minutes, at least 1 (the timeline template shows minutes). */
export const durationMinutes = (s: Session): number => Math.max(1, Math.round(s.durationSeconds / 60));
