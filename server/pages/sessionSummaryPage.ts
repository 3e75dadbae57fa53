import type { Session } from '../../src/sessions/index.ts';
import { html, page, type Raw } from './html.ts';

/**
 * The full summary of one conversation session, opened from the meeting or the timeline event's "Full summary"
 * link. Everything the platform sent is escaped (the `html` template does it). Participants are shown by name and
 * company only: the page is reachable by link, so it carries no email addresses or phone numbers.
 */
function list(title: string, items: readonly string[]): Raw {
  if (items.length === 0) return html``;
  return html`<h2>${title}</h2><ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
}

function actionItems(s: Session): Raw {
  const items = s.summary.actionItems.map((a) => {
    const facts = [a.priority, a.dueDate ? `due ${a.dueDate.slice(0, 10)}` : '', a.assigneeEmail ? 'assigned' : '']
      .filter((f) => f !== '')
      .join(', ');
    const description = a.description ? html`<br>${a.description}` : html``;
    return html`<li><strong>${a.title}</strong> (${facts})${description}</li>`;
  });
  return items.length === 0 ? html`` : html`<h2>Action items</h2><ul>${items}</ul>`;
}

function participants(s: Session): Raw {
  const people = s.participants.map((p) => {
    const who = p.name ?? 'Unnamed participant';
    return p.company ? html`<li>${who}, ${p.company}</li>` : html`<li>${who}</li>`;
  });
  return html`<h2>Participants</h2><ul>${people}</ul>`;
}

/** The HTML page. */
export function sessionSummaryPage(s: Session): string {
  const minutes = Math.max(1, Math.round(s.durationSeconds / 60));
  const body = html`<p><strong>${s.startTime}</strong> · ${minutes} min · sentiment: ${s.summary.sentiment}</p>
<h2>Summary</h2><p>${s.summary.brief}</p>
${list('Key points', s.summary.keyPoints)}
${actionItems(s)}
${list('Next steps', s.summary.nextSteps)}
${list('Insights', s.summary.insights)}
${participants(s)}`;
  return page(s.title, body);
}

/** The page for a link that is not (or no longer) valid; says nothing about whether the session exists. */
export function summaryUnavailablePage(): string {
  return page(
    'Summary not available',
    html`<p class="problem">This link is not valid, or the summary was removed.</p>`,
  );
}
