import { createRenderer } from '@hubspot/ui-extensions/testing';
import {
  Accordion,
  Alert,
  Button,
  EmptyState,
  ErrorState,
  LoadingSpinner,
  StatusTag,
  Tag,
  Text,
  Tile,
} from '@hubspot/ui-extensions';
import { CrmActionLink } from '@hubspot/ui-extensions/crm';
import type { ActionItemView, ParticipantMatchView, SessionCardItem } from '@switchboard/contract';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchMock, respond } from './fetchMock.ts';

// vi.mock is hoisted above the imports, so the factory reaches the shared spy through a dynamic import.
vi.mock('@hubspot/ui-extensions', async (orig) => (await import('./fetchMock.ts')).mockHubspotFetch(orig));
const { SessionsCardContact } = await import('../../extensions/app/cards/SessionsCardContact.tsx');
const { SessionsCardCompany } = await import('../../extensions/app/cards/SessionsCardCompany.tsx');
const { SessionsCardDeal } = await import('../../extensions/app/cards/SessionsCardDeal.tsx');
const { SERVICE_ORIGIN } = await import('../../extensions/app/cards/lib/serviceOrigin.ts');

// The renderer's mock context: portal 123 in America/New_York.
const PORTAL = 123;
const RECORD = 4242;
const PATH = { list: '/api/cards/sessions', resync: '/api/cards/sessions/resync' };
const REQUEST_ID = /^[0-9a-z]+-[0-9a-z]+-[0-9a-z]{8}$/;

const ENTRY = {
  contact: { Card: SessionsCardContact, objectTypeId: '0-1' },
  company: { Card: SessionsCardCompany, objectTypeId: '0-2' },
  deal: { Card: SessionsCardDeal, objectTypeId: '0-3' },
} as const;

const action = (o: Partial<ActionItemView> = {}): ActionItemView => ({
  title: 'Send the revised quote',
  priority: 'HIGH',
  dueDate: '2026-12-01',
  assigneeEmail: 'sam@switchboard.example',
  taskId: '9001',
  taskStatus: 'NOT_STARTED',
  ...o,
});

const participant = (o: Partial<ParticipantMatchView> = {}): ParticipantMatchView => ({
  name: 'Ada Lovelace',
  email: 'ada@acme.example',
  contactId: '51',
  outcome: 'matched',
  rule: 'email',
  reason: 'ada@acme.example is contact 51',
  ...o,
});

const session = (o: Partial<SessionCardItem> = {}): SessionCardItem => ({
  sessionId: 's-1',
  title: 'Quarterly review with Acme',
  startTime: '2026-11-20T14:05:00.000Z',
  durationSeconds: 1500,
  status: 'synced',
  statusReason: null,
  brief: 'Acme wants 45 chairs instead of 40 and a new quote by Friday.',
  keyPoints: ['Budget approved for Q1'],
  nextSteps: ['Send the revised quote'],
  sentiment: 'positive',
  meetingId: '777',
  actionItems: [action()],
  participants: [participant()],
  ...o,
});

const list = (sessions: SessionCardItem[], nextCursor: string | null = null) => respond({ sessions, nextCursor });

type Answer = ReturnType<typeof respond>;
type Route = Answer | ((url: URL, body: Record<string, unknown>) => Answer | Promise<Answer>);

/** Answers each card endpoint by path, so the order of the card's calls does not matter. */
function serve(routes: { list?: Route; resync?: Route }) {
  const byPath: Record<string, Route | undefined> = {
    [PATH.list]: routes.list ?? list([session()]),
    [PATH.resync]: routes.resync,
  };
  fetchMock.mockImplementation(async (url: string, init: { body?: Record<string, unknown> }) => {
    const route = byPath[new URL(url).pathname];
    if (route === undefined) return respond({ error: { code: 'not_found', message: `unexpected ${url}` } }, 404);
    return typeof route === 'function' ? route(new URL(url), init.body ?? {}) : route;
  });
}

const callsTo = (path: string) =>
  fetchMock.mock.calls
    .filter(([url]) => new URL(url as string).pathname === path)
    .map(([url, init]) => ({ url: new URL(url as string), body: (init as { body?: Record<string, unknown> }).body }));

/** An element's `.text` is null once it holds other components: read the texts of the ones inside instead. */
type Node = { findAll(c: typeof Text): { text: string | null }[] };
const linesIn = (node: Node) => node.findAll(Text).map((t) => t.text);

function renderCard(entry: keyof typeof ENTRY = 'contact') {
  const renderer = createRenderer('crm.record.tab');
  renderer.mocks.context.crm = { objectId: RECORD, objectTypeId: ENTRY[entry].objectTypeId };
  renderer.mocks.context.user.locale = 'en-US';
  const { Card } = ENTRY[entry];
  renderer.render(<Card context={renderer.mocks.context} />);
  return renderer;
}

/** The rendered sessions' ids, top to bottom. */
const shownSessions = (r: ReturnType<typeof renderCard>) =>
  r
    .findAll(Tile)
    .map((t) => String(t.props.testId))
    .filter((id) => id.startsWith('session-'))
    .map((id) => id.slice('session-'.length));

async function renderLoaded(sessions: SessionCardItem[], routes: { resync?: Route } = {}) {
  serve({ list: list(sessions), ...routes });
  const renderer = renderCard();
  await renderer.waitFor(() => expect(shownSessions(renderer).length).toBeGreaterThan(0));
  return renderer;
}

describe('Sessions card: the list of conversations', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('lists the conversations newest first, each with title, date in the portal time zone, duration, brief and sentiment', async () => {
    const r = await renderLoaded([
      session({ sessionId: 'old', title: 'Discovery call', startTime: '2026-10-01T13:00:00.000Z', sentiment: 'mixed' }),
      session({ sessionId: 'new', startTime: '2026-11-20T14:05:00.000Z', durationSeconds: 3900 }),
      session({ sessionId: 'mid', startTime: '2026-11-02T16:30:00.000Z', durationSeconds: 45, sentiment: 'negative' }),
    ]);

    expect(shownSessions(r)).toEqual(['new', 'mid', 'old']);
    expect(r.findByTestId(Text, 'session-title-new').text).toBe('Quarterly review with Acme');
    // 14:05 UTC on Nov 20 is 9:05 AM in New York (EST); Oct 1 13:00 UTC is 9:00 AM (EDT).
    expect(r.findByTestId(Text, 'session-when-new').text).toMatch(/^Nov 20, 2026, 9:05\sAM · 1 h 5 min$/);
    expect(r.findByTestId(Text, 'session-when-old').text).toMatch(/^Oct 1, 2026, 9:00\sAM · 25 min$/);
    expect(r.findByTestId(Text, 'session-when-mid').text).toMatch(/· 45 sec$/);
    expect(r.findByTestId(Text, 'session-brief-new').text).toBe(
      'Acme wants 45 chairs instead of 40 and a new quote by Friday.',
    );
    const sentiments = ['new', 'mid', 'old'].map((id) => r.findByTestId(Tag, `session-sentiment-${id}`));
    expect(sentiments.map((t) => [t.text, t.props.variant])).toEqual([
      ['Positive', 'success'],
      ['Negative', 'error'],
      ['Mixed', 'warning'],
    ]);
  });

  it('keeps key points and next steps in a closed accordion under the brief', async () => {
    const r = await renderLoaded([
      session({ keyPoints: ['Budget approved for Q1', 'Needs delivery in March'], nextSteps: ['Send the quote'] }),
      session({ sessionId: 's-2', keyPoints: [], nextSteps: [] }),
    ]);
    const notes = r.findByTestId(Accordion, 'session-notes-s-1');
    expect(notes.props.title).toBe('Key points and next steps');
    expect(notes.props.defaultOpen).toBeFalsy();
    expect(linesIn(notes)).toEqual([
      'Key points',
      'Budget approved for Q1',
      'Needs delivery in March',
      'Next steps',
      'Send the quote',
    ]);
    // Nothing to fold away: no empty accordion.
    expect(r.maybeFindByTestId(Accordion, 'session-notes-s-2')).toBeNull();
  });

  it('shows each action item with the status of its HubSpot task, its assignee, due date and priority', async () => {
    const r = await renderLoaded([
      session({
        actionItems: [
          action({ taskStatus: 'COMPLETED' }),
          action({ title: 'Book a demo', priority: 'LOW', dueDate: null, assigneeEmail: null, taskStatus: 'WAITING' }),
          action({ title: 'Call the CFO', taskId: null, taskStatus: null }),
          action({ title: 'Share the deck', taskId: '9004', taskStatus: null, priority: 'MEDIUM' }),
        ],
      }),
    ]);
    const statuses = [0, 1, 2, 3].map((i) => r.findByTestId(StatusTag, `action-status-s-1-${i}`));
    expect(statuses.map((s) => [s.text, s.props.variant])).toEqual([
      ['Completed', 'success'],
      ['Waiting', 'warning'],
      ['No task', 'default'],
      ['Status unknown', 'warning'],
    ]);
    expect(r.findByTestId(Text, 'action-title-s-1-0').text).toBe('Send the revised quote');
    expect(r.findByTestId(Text, 'action-meta-s-1-0').text).toBe(
      'Assigned to sam@switchboard.example · Due Dec 1, 2026 · High priority',
    );
    expect(r.findByTestId(Text, 'action-meta-s-1-1').text).toBe('No assignee · Low priority');
  });

  it('shows why each participant matched: the rule and its reason, with a link to the contact', async () => {
    const r = await renderLoaded([
      session({
        participants: [
          participant(),
          participant({
            name: 'Grace Hopper',
            email: null,
            contactId: '52',
            outcome: 'created',
            rule: 'create',
            reason: 'no contact named Grace Hopper; created one',
          }),
          participant({
            name: null,
            email: 'bot@notes.example',
            contactId: null,
            outcome: 'skipped',
            rule: 'skip',
            reason: 'no match; rules say skip',
          }),
        ],
      }),
    ]);
    const panel = r.findByTestId(Accordion, 'participants-s-1');
    expect(panel.props.title).toBe('Participants (3) and why they matched');

    const ada = r.findByTestId(CrmActionLink, 'participant-s-1-0-name');
    expect(ada.text).toBe('Ada Lovelace (ada@acme.example)');
    expect(ada.props.actionContext).toEqual({ objectTypeId: '0-1', objectId: 51 });
    expect(r.findByTestId(Tag, 'participant-s-1-0-outcome').text).toBe('Matched');
    expect(r.findByTestId(Text, 'participant-s-1-0-why').text).toBe('Rule: email. ada@acme.example is contact 51');

    expect(r.findByTestId(Tag, 'participant-s-1-1-outcome').text).toBe('Created');
    expect(r.findByTestId(Text, 'participant-s-1-1-why').text).toBe(
      'Rule: create when no match. no contact named Grace Hopper; created one',
    );
    // Not linked to a contact: plain text, no link to nowhere.
    expect(r.findByTestId(Text, 'participant-s-1-2-name').text).toBe('bot@notes.example');
    expect(r.findByTestId(Tag, 'participant-s-1-2-outcome').text).toBe('Skipped');
  });

  it("shows each session's sync status, why a failed one failed, and offers Re-sync only for that one", async () => {
    const r = await renderLoaded([
      session({ sessionId: 'ok', status: 'synced' }),
      session({ sessionId: 'wait', status: 'pending', statusReason: 'Waits for the hourly sync', participants: [] }),
      session({
        sessionId: 'bad',
        status: 'failed',
        statusReason: 'HubSpot refused the meeting: owner 12 is inactive',
      }),
      session({ sessionId: 'bad2', status: 'failed', statusReason: null }),
    ]);
    const tags = ['ok', 'wait', 'bad'].map((id) => r.findByTestId(StatusTag, `session-status-${id}`));
    expect(tags.map((t) => [t.text, t.props.variant])).toEqual([
      ['Synced to HubSpot', 'success'],
      ['Sync pending', 'info'],
      ['Sync failed', 'danger'],
    ]);
    expect(r.findByTestId(Text, 'session-status-note-bad').text).toBe(
      'Why: HubSpot refused the meeting: owner 12 is inactive',
    );
    expect(r.findByTestId(Text, 'session-status-note-bad2').text).toBe('Why: Switchboard recorded no reason.');
    expect(r.findByTestId(Text, 'session-status-note-wait').text).toBe('Waits for the hourly sync');
    expect(r.maybeFindByTestId(Text, 'session-status-note-ok')).toBeNull();
    expect(r.findByTestId(Text, 'participants-none-wait').text).toMatch(/matched to contacts when the session syncs/);

    expect(r.findByTestId(Button, 'resync-bad').text).toBe('Re-sync');
    expect(r.maybeFindByTestId(Button, 'resync-ok')).toBeNull();
    expect(r.maybeFindByTestId(Button, 'resync-wait')).toBeNull();
  });
});

describe('Sessions card: paging and empty state', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  /** `count` sessions starting `from` days before Dec 1, newest first, ids `d<day>`. */
  const page = (from: number, count: number, nextCursor: string | null) =>
    list(
      Array.from({ length: count }, (_, i) =>
        session({ sessionId: `d${from + i}`, startTime: new Date(Date.UTC(2026, 11, 1 - from - i)).toISOString() }),
      ),
      nextCursor,
    );

  it("pages to older conversations with the service's cursor, and back to newer ones", async () => {
    serve({
      list: (url) => {
        const cursor = url.searchParams.get('cursor');
        if (cursor === null) return page(0, 5, 'c-page2');
        if (cursor === 'c-page2') return page(5, 5, 'c-page3');
        return page(10, 2, null);
      },
    });
    const r = renderCard();
    await r.waitFor(() => expect(shownSessions(r)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']));
    expect(r.findByTestId(Button, 'newer-sessions').props.disabled).toBe(true);
    expect(r.findByTestId(Text, 'sessions-page').text).toBe('Page 1');

    r.findByTestId(Button, 'older-sessions').trigger('onClick');
    await r.waitFor(() => expect(shownSessions(r)[0]).toBe('d5'));
    r.findByTestId(Button, 'older-sessions').trigger('onClick');
    await r.waitFor(() => expect(shownSessions(r)).toEqual(['d10', 'd11']));
    expect(r.findByTestId(Text, 'sessions-page').text).toBe('Page 3');
    expect(r.findByTestId(Button, 'older-sessions').props.disabled).toBe(true);

    r.findByTestId(Button, 'newer-sessions').trigger('onClick');
    await r.waitFor(() => expect(shownSessions(r)[0]).toBe('d5'));
    expect(r.findByTestId(Text, 'sessions-page').text).toBe('Page 2');
    expect(callsTo(PATH.list).map((c) => c.url.searchParams.get('cursor'))).toEqual([
      null,
      'c-page2',
      'c-page3',
      'c-page2',
    ]);
    expect(callsTo(PATH.list).every((c) => c.url.searchParams.get('limit') === '5')).toBe(true);
  });

  it('a single page shows no paging buttons', async () => {
    const r = await renderLoaded([session()]);
    expect(r.maybeFindByTestId(Button, 'older-sessions')).toBeNull();
    expect(r.maybeFindByTestId(Button, 'newer-sessions')).toBeNull();
  });

  it('when the record has no conversations yet, says where they come from', async () => {
    serve({ list: list([]) });
    const r = renderCard('deal');
    await r.waitFor(() => expect(r.find(EmptyState).props.title).toBe('No conversations yet'));
    const text = r.find(EmptyState).findChild(Text).text;
    expect(text).toMatch(/conversation platform sends their summaries to Switchboard/);
    expect(text).toMatch(/matches this deal/);
    expect(r.maybeFind(Tile)).toBeNull();
  });
});

describe('Sessions card: re-sync of a failed session', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  const failed = session({ sessionId: 'bad', status: 'failed', statusReason: 'HubSpot answered 403 for tasks' });

  it('posts the session with a fresh requestId, is disabled while sending, then shows the session as pending', async () => {
    let finish: (a: Answer) => void = () => {};
    const r = await renderLoaded([failed], {
      resync: () => new Promise<Answer>((resolve) => (finish = resolve)),
    });

    const button = r.findByTestId(Button, 'resync-bad');
    button.trigger('onClick');
    button.trigger('onClick'); // before React re-rendered the button as disabled
    await r.waitFor(() => expect(r.findByTestId(Button, 'resync-bad').props.disabled).toBe(true));
    expect(r.findByTestId(Button, 'resync-bad').text).toBe('Re-syncing…');

    finish(respond({ sessionId: 'bad', status: 'pending', message: 'Queued for another sync.' }));
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'session-status-bad').text).toBe('Sync pending'));
    expect(r.findByTestId(Text, 'session-status-note-bad').text).toBe('Queued for another sync.');
    expect(r.maybeFindByTestId(Button, 'resync-bad')).toBeNull();
    expect(callsTo(PATH.resync).map((c) => c.body)).toEqual([
      { portalId: PORTAL, sessionId: 'bad', requestId: expect.stringMatching(REQUEST_ID) },
    ]);
    expect(callsTo(PATH.resync)[0]?.url.search).toBe('');
    // The answer is enough: the list is not loaded again.
    expect(callsTo(PATH.list)).toHaveLength(1);
  });

  it("when re-sync fails, shows the server's message in an Alert and the next click is a new request", async () => {
    let calls = 0;
    const r = await renderLoaded([failed], {
      resync: () =>
        ++calls === 1
          ? respond({ error: { code: 'rate_limited', message: 'HubSpot is busy; try again in a minute' } }, 429)
          : respond({ sessionId: 'bad', status: 'pending', message: 'Queued for another sync.' }),
    });

    r.findByTestId(Button, 'resync-bad').trigger('onClick');
    await r.waitFor(() =>
      expect(r.findByTestId(Alert, 'resync-error-bad').text).toBe('HubSpot is busy; try again in a minute'),
    );
    expect(r.findByTestId(Alert, 'resync-error-bad').props.variant).toBe('error');
    expect(r.findByTestId(StatusTag, 'session-status-bad').text).toBe('Sync failed');
    expect(r.findByTestId(Button, 'resync-bad').props.disabled).toBe(false);

    r.findByTestId(Button, 'resync-bad').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'session-status-bad').text).toBe('Sync pending'));
    expect(r.maybeFindByTestId(Alert, 'resync-error-bad')).toBeNull();
    const ids = callsTo(PATH.resync).map((c) => c.body?.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('when the service did not queue it (e.g. the session is gone), shows its answer and keeps Re-sync', async () => {
    const r = await renderLoaded([failed], {
      resync: respond({ sessionId: 'bad', status: 'failed', message: 'No such session in this HubSpot account.' }),
    });
    r.findByTestId(Button, 'resync-bad').trigger('onClick');
    await r.waitFor(() =>
      expect(r.findByTestId(Text, 'session-status-note-bad').text).toBe('No such session in this HubSpot account.'),
    );
    expect(r.findByTestId(StatusTag, 'session-status-bad').text).toBe('Sync failed');
    expect(r.findByTestId(Button, 'resync-bad').props.disabled).toBe(false);
  });
});

describe('Sessions card: loading, errors and record types', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('while the service has not answered, shows a spinner', async () => {
    fetchMock.mockReturnValue(new Promise(() => {}));
    const r = renderCard('company');
    expect(r.find(LoadingSpinner).props.label).toBe('Loading conversations with this company');
    // React runs the effect that fetches after render: wait for it, or it would reach the next test's routes.
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(r.find(LoadingSpinner)).toBeDefined();
  });

  it("when the service fails, shows its message and loads again on 'Try again'", async () => {
    let calls = 0;
    serve({
      list: () =>
        ++calls === 1
          ? respond({ error: { code: 'unavailable', message: 'HubSpot did not answer in time' } }, 503)
          : list([session()]),
    });
    const r = renderCard();
    await r.waitFor(() =>
      expect(r.find(ErrorState).props.title).toBe('Could not load conversations with this contact'),
    );
    expect(r.findByTestId(Text, 'card-error').text).toBe('HubSpot did not answer in time');
    r.findByTestId(Button, 'retry').trigger('onClick');
    await r.waitFor(() => expect(shownSessions(r)).toEqual(['s-1']));
    expect(callsTo(PATH.list)).toHaveLength(2);
  });

  it('when the service answers a shape the contract does not allow, says so instead of a broken list', async () => {
    serve({ list: respond({ sessions: [{ sessionId: 's-1' }], nextCursor: null }) });
    const r = renderCard();
    await r.waitFor(() => expect(r.findByTestId(Text, 'card-error').text).toMatch(/unexpected answer/));
  });

  it('Refresh asks the service again and shows what changed', async () => {
    let status: SessionCardItem['status'] = 'pending';
    serve({ list: () => list([session({ status })]) });
    const r = renderCard();
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'session-status-s-1').text).toBe('Sync pending'));
    status = 'synced';
    r.findByTestId(Button, 'refresh').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'session-status-s-1').text).toBe('Synced to HubSpot'));
  });

  it.each([
    ['contact', 'contact'],
    ['company', 'company'],
    ['deal', 'deal'],
  ] as const)('the %s card asks for the sessions of its own record type', async (entry, objectType) => {
    serve({});
    const r = renderCard(entry);
    await r.waitFor(() => expect(shownSessions(r)).toEqual(['s-1']));
    expect(fetchMock).toHaveBeenCalledWith(
      `${SERVICE_ORIGIN}${PATH.list}?portalId=${PORTAL}&objectType=${objectType}&objectId=${RECORD}&limit=5`,
      { method: 'GET', timeout: 10_000 },
    );
  });
});
