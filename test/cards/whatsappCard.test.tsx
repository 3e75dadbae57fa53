import { createRenderer } from '@hubspot/ui-extensions/testing';
import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  Input,
  LoadingSpinner,
  Select,
  StatusTag,
  Text,
  TextArea,
  Tile,
} from '@hubspot/ui-extensions';
import {
  type ConsentState,
  type ConversationMessage,
  SendRequest,
  type WhatsAppCardResponse,
} from '@switchboard/contract';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchMock, respond } from './fetchMock.ts';

// vi.mock is hoisted above the imports, so the factory reaches the shared spy through a dynamic import.
vi.mock('@hubspot/ui-extensions', async (orig) => (await import('./fetchMock.ts')).mockHubspotFetch(orig));
const { WhatsAppCard } = await import('../../extensions/app/cards/WhatsAppCard.tsx');
const { SERVICE_ORIGIN } = await import('../../extensions/app/cards/lib/serviceOrigin.ts');

// The renderer's mock context: portal 123 in America/New_York, contact 123.
const IDS = { portalId: 123, contactId: '123' };
const HOUR = 3_600_000;
const REQUEST_ID = /^[0-9a-z]+-[0-9a-z]+-[0-9a-z]{8}$/;

const message = (o: Partial<ConversationMessage> = {}): ConversationMessage => ({
  id: 'm1',
  direction: 'outbound',
  text: 'Hi Ada, your order #1042 has shipped.',
  templateName: 'order_shipped',
  status: 'delivered',
  failureReason: null,
  at: '2026-11-20T14:05:00.000Z',
  ...o,
});

const consentState = (o: Partial<ConsentState> = {}): ConsentState => ({
  marketing: 'unknown',
  utility: 'granted',
  optedOut: false,
  updatedAt: null,
  ...o,
});

const cardView = (o: Partial<WhatsAppCardResponse> = {}): WhatsAppCardResponse => ({
  phone: '+447700900123',
  windowOpenUntil: null,
  freeTextRefusals: [{ code: 'window_closed', message: 'No message from the contact in the last 24 hours.' }],
  consent: consentState(),
  templates: [
    { name: 'order_shipped', language: 'en_US', category: 'UTILITY', parameterCount: 2 },
    { name: 'spring_offer', language: 'es', category: 'MARKETING', parameterCount: 1 },
  ],
  messages: [],
  ...o,
});

type Answer = ReturnType<typeof respond>;
type Route = Answer | ((body: Record<string, unknown>) => Answer | Promise<Answer>);

/** Answers each card endpoint by path, so the order in which the card (and its debounce) calls them does not matter. */
function serve(routes: { card?: Route; preview?: Route; send?: Route; consent?: Route }) {
  const byPath: Record<string, Route | undefined> = {
    '/api/cards/whatsapp': routes.card ?? respond(cardView()),
    '/api/cards/whatsapp/preview': routes.preview,
    '/api/cards/whatsapp/send': routes.send,
    '/api/cards/whatsapp/consent': routes.consent,
  };
  fetchMock.mockImplementation(async (url: string, init: { body?: Record<string, unknown> }) => {
    const route = byPath[new URL(url).pathname];
    if (route === undefined) return respond({ error: { code: 'not_found', message: `unexpected ${url}` } }, 404);
    return typeof route === 'function' ? route(init.body ?? {}) : route;
  });
}

const post = (path: string, body: unknown) => [`${SERVICE_ORIGIN}${path}`, { method: 'POST', timeout: 10_000, body }];
/** Bodies this test's card posted to one endpoint (earlier tests' cards stay mounted, so match on content). */
const bodiesTo = (path: string) =>
  fetchMock.mock.calls
    .filter(([url]) => new URL(url as string).pathname === path)
    .map(([, init]) => (init as { body: Record<string, unknown> }).body);

/**
 * @hubspot/ui-extensions 0.17 types `trigger`'s argument as the handler itself; at run time it is what the handler
 * receives (the chosen value, the typed text). These two helpers keep that cast in one place.
 */
type Triggerable = { trigger(event: string, arg?: unknown): void };
const choose = (select: Triggerable, value: string) => select.trigger('onChange', value);
const typeInto = (field: Triggerable, text: string) => field.trigger('onInput', text);

function renderCard() {
  const renderer = createRenderer('crm.record.tab');
  renderer.render(<WhatsAppCard context={renderer.mocks.context} />);
  return renderer;
}

async function renderLoaded() {
  const renderer = renderCard();
  await renderer.waitFor(() => expect(renderer.findByTestId(Text, 'phone')).toBeDefined());
  return renderer;
}

describe('WhatsApp card: loading, errors and the empty state', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('while the service has not answered, shows a spinner', () => {
    fetchMock.mockReturnValue(new Promise(() => {}));
    const { find } = renderCard();
    expect(find(LoadingSpinner).props.label).toMatch(/WhatsApp conversation/);
  });

  it("asks for this contact's conversation with the portal and contact in the signed URL", async () => {
    serve({});
    await renderLoaded();
    expect(fetchMock).toHaveBeenCalledWith(`${SERVICE_ORIGIN}/api/cards/whatsapp?portalId=123&contactId=123`, {
      method: 'GET',
      timeout: 10_000,
    });
  });

  it("when the service fails, shows its message and loads again on 'Try again'", async () => {
    let calls = 0;
    serve({
      card: () =>
        ++calls === 1
          ? respond({ error: { code: 'internal', message: 'Database is down' } }, 503)
          : respond(cardView()),
    });
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(ErrorState)).toBeDefined());
    expect(findByTestId(Text, 'card-error').text).toBe('Database is down');
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(findByTestId(Text, 'phone').text).toBe('WhatsApp +447700900123'));
  });

  it('when the contact has no phone number, says what to add instead of showing send boxes', async () => {
    serve({ card: respond(cardView({ phone: null })) });
    const { find, maybeFind, waitFor } = renderCard();
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No WhatsApp number for this contact'));
    expect(find(EmptyState).findChild(Text).text).toMatch(/mobile or phone number with its country code/);
    expect(maybeFind(Select)).toBeNull();
    expect(maybeFind(TextArea)).toBeNull();
  });

  it('when nothing was exchanged yet, says how to start the conversation', async () => {
    serve({});
    const { findByTestId } = await renderLoaded();
    expect(findByTestId(Text, 'history-empty').text).toMatch(/Send a template/);
  });
});

describe('WhatsApp card: conversation history', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('shows messages newest last with direction, time, status and why a failed one failed', async () => {
    const messages = [
      message({
        id: 'late',
        status: 'failed',
        failureReason: 'The number is not on WhatsApp.',
        at: '2026-11-21T10:00:00.000Z',
      }),
      message({ id: 'early', status: 'read', at: '2026-11-20T14:05:00.000Z' }),
      message({
        id: 'reply',
        direction: 'inbound',
        text: 'Thanks!',
        templateName: null,
        status: null,
        at: '2026-11-20T15:00:00.000Z',
      }),
      message({ id: 'sent', status: 'sent', at: '2026-11-21T09:00:00.000Z' }),
    ];
    serve({ card: respond(cardView({ messages })) });
    const { findAll, findByTestId, maybeFindByTestId } = await renderLoaded();

    expect(findAll(Tile).map((t) => t.props.testId)).toEqual([
      'message-early',
      'message-reply',
      'message-sent',
      'message-late',
    ]);
    expect(findByTestId(StatusTag, 'message-status-early').text).toBe('Read');
    expect(findByTestId(StatusTag, 'message-status-sent').text).toBe('Sent');
    expect(findByTestId(StatusTag, 'message-status-late').text).toBe('Failed');
    expect(findByTestId(StatusTag, 'message-status-late').props.variant).toBe('danger');
    expect(findByTestId(Text, 'message-failure-late').text).toBe('Not delivered: The number is not on WhatsApp.');
    expect(maybeFindByTestId(Text, 'message-failure-early')).toBeNull();
    // Inbound messages have no delivery status of ours.
    expect(findByTestId(Text, 'message-direction-reply').text).toBe('From the contact');
    expect(maybeFindByTestId(StatusTag, 'message-status-reply')).toBeNull();
    expect(findByTestId(Text, 'message-text-reply').text).toBe('Thanks!');
    // Times are in the portal's zone (America/New_York: 14:05 UTC is 9:05 AM).
    expect(findByTestId(Text, 'message-time-early').text).toMatch(/^Nov 20, 2026, 9:05\sAM$/);
  });
});

describe('WhatsApp card: sending a template', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('when a template is chosen, shows its preview filled by the preview endpoint', async () => {
    serve({ preview: respond({ text: 'Hi Ada, your order #1042 has shipped.', refusals: [] }) });
    const { findByTestId, maybeFindByTestId, waitFor } = await renderLoaded();
    expect(maybeFindByTestId(Button, 'send-template')).toBeNull();

    choose(findByTestId(Select, 'template-select'), 'order_shipped|en_US');
    await waitFor(() =>
      expect(findByTestId(Text, 'template-preview').text).toBe('Hi Ada, your order #1042 has shipped.'),
    );
    expect(fetchMock).toHaveBeenCalledWith(
      ...post('/api/cards/whatsapp/preview', { ...IDS, templateName: 'order_shipped', language: 'en_US' }),
    );
    expect(findByTestId(Button, 'send-template').props.disabled).toBe(false);
  });

  it('when the template may not be sent, shows the reasons and no send button', async () => {
    const refusals = [
      { code: 'no_marketing_consent', message: 'The contact has not agreed to marketing messages.' },
      { code: 'variable_missing', message: '{{1}} (first name) is empty for this contact.' },
    ];
    serve({ preview: respond({ text: 'Hola {{1}}, 20% off this spring.', refusals }) });
    const { findByTestId, maybeFindByTestId, waitFor } = await renderLoaded();
    choose(findByTestId(Select, 'template-select'), 'spring_offer|es');

    await waitFor(() => expect(findByTestId(Alert, 'template-refusals')).toBeDefined());
    expect(findByTestId(Text, 'template-refusals-no_marketing_consent').text).toBe(refusals[0]?.message);
    expect(findByTestId(Text, 'template-refusals-variable_missing').text).toBe(refusals[1]?.message);
    expect(maybeFindByTestId(Button, 'send-template')).toBeNull();
  });

  it('sending posts the template with a requestId, and the new message appears in the conversation', async () => {
    const sentMessage = message({ id: 'm-new', text: 'Hi Ada, your order #1042 has shipped.', status: 'sent' });
    serve({
      preview: respond({ text: 'Hi Ada, your order #1042 has shipped.', refusals: [] }),
      send: respond({ message: sentMessage }),
    });
    const { findByTestId, maybeFindByTestId, waitFor } = await renderLoaded();
    choose(findByTestId(Select, 'template-select'), 'order_shipped|en_US');
    await waitFor(() => expect(findByTestId(Button, 'send-template')).toBeDefined());

    findByTestId(Button, 'send-template').trigger('onClick');
    await waitFor(() => expect(findByTestId(StatusTag, 'message-status-m-new').text).toBe('Sent'));
    expect(findByTestId(Text, 'message-text-m-new').text).toBe('Hi Ada, your order #1042 has shipped.');
    const [body] = bodiesTo('/api/cards/whatsapp/send');
    expect(body).toEqual({
      kind: 'template',
      ...IDS,
      templateName: 'order_shipped',
      language: 'en_US',
      requestId: expect.stringMatching(REQUEST_ID),
    });
    expect(SendRequest.safeParse(body).success).toBe(true);
    // The choice is cleared so a second click cannot send the same template again by accident.
    expect(findByTestId(Select, 'template-select').props.value).toBe('');
    expect(maybeFindByTestId(Button, 'send-template')).toBeNull();
  });

  it("when the send fails, shows the server's message and keeps the choice", async () => {
    serve({
      preview: respond({ text: 'Hi Ada', refusals: [] }),
      send: respond({ error: { code: 'provider_rejected', message: 'WhatsApp paused this template.' } }, 422),
    });
    const { findByTestId, maybeFindByTestId, waitFor } = await renderLoaded();
    choose(findByTestId(Select, 'template-select'), 'order_shipped|en_US');
    await waitFor(() => expect(findByTestId(Button, 'send-template')).toBeDefined());

    findByTestId(Button, 'send-template').trigger('onClick');
    await waitFor(() => expect(findByTestId(Alert, 'send-template-error').text).toBe('WhatsApp paused this template.'));
    expect(findByTestId(Button, 'send-template').props.disabled).toBe(false);
    expect(maybeFindByTestId(Tile, 'message-m-new')).toBeNull();
  });
});

describe('WhatsApp card: template preview and send edge cases', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('switching templates quickly asks for the preview of the last choice only', async () => {
    serve({ preview: (body) => respond({ text: `preview of ${String(body.templateName)}`, refusals: [] }) });
    const { findByTestId, waitFor } = await renderLoaded();
    choose(findByTestId(Select, 'template-select'), 'order_shipped|en_US');
    choose(findByTestId(Select, 'template-select'), 'spring_offer|es');
    await waitFor(() => expect(findByTestId(Text, 'template-preview').text).toBe('preview of spring_offer'));
    expect(bodiesTo('/api/cards/whatsapp/preview').map((b) => b.templateName)).toEqual(['spring_offer']);
  });

  it('when the preview cannot be made, says so with a retry and offers no send button', async () => {
    let calls = 0;
    serve({
      preview: () =>
        ++calls === 1
          ? respond({ error: { code: 'unavailable', message: 'Template store unreachable' } }, 503)
          : respond({ text: 'Hi Ada', refusals: [] }),
    });
    const { findByTestId, maybeFindByTestId, waitFor } = await renderLoaded();
    choose(findByTestId(Select, 'template-select'), 'order_shipped|en_US');
    await waitFor(() => expect(findByTestId(Text, 'preview-error-message').text).toBe('Template store unreachable'));
    expect(maybeFindByTestId(Button, 'send-template')).toBeNull();
    findByTestId(Button, 'preview-retry').trigger('onClick');
    await waitFor(() => expect(findByTestId(Text, 'template-preview').text).toBe('Hi Ada'));
  });

  it('while a template is sending, the button is disabled and a second click sends nothing', async () => {
    let finish: (a: Answer) => void = () => {};
    serve({
      preview: respond({ text: 'Hi Ada', refusals: [] }),
      send: () => new Promise<Answer>((resolve) => (finish = resolve)),
    });
    const { findByTestId, waitFor } = await renderLoaded();
    choose(findByTestId(Select, 'template-select'), 'order_shipped|en_US');
    await waitFor(() => expect(findByTestId(Button, 'send-template')).toBeDefined());

    findByTestId(Button, 'send-template').trigger('onClick');
    await waitFor(() => expect(findByTestId(Button, 'send-template').props.disabled).toBe(true));
    expect(findByTestId(Button, 'send-template').text).toBe('Sending…');
    findByTestId(Button, 'send-template').trigger('onClick');
    finish(respond({ message: message({ id: 'm-once', status: 'sent' }) }));
    await waitFor(() => expect(findByTestId(Tile, 'message-m-once')).toBeDefined());
    expect(bodiesTo('/api/cards/whatsapp/send')).toHaveLength(1);
  });
});

describe('WhatsApp card: free text and the 24-hour window', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('when the window has closed, hides free text and says why and when it closed', async () => {
    const refusals = [{ code: 'window_closed', message: 'The last message from the contact is over 24 hours old.' }];
    serve({ card: respond(cardView({ windowOpenUntil: '2026-01-10T15:30:00.000Z', freeTextRefusals: refusals })) });
    const { findByTestId, maybeFind, maybeFindByTestId } = await renderLoaded();

    expect(maybeFind(TextArea)).toBeNull();
    expect(maybeFindByTestId(Button, 'send-text')).toBeNull();
    expect(findByTestId(Text, 'window-state').text).toMatch(/window closed on Jan 10, 2026, 10:30\sAM/);
    expect(findByTestId(Text, 'free-text-refusals-window_closed').text).toBe(refusals[0]?.message);
  });

  it('when the contact never wrote, says the window opens with their first message', async () => {
    serve({});
    const { findByTestId, maybeFind } = await renderLoaded();
    expect(maybeFind(TextArea)).toBeNull();
    expect(findByTestId(Text, 'window-state').text).toMatch(/has not written to you yet/);
  });

  it('when the window is open, free text is typed and sent, and appears in the conversation', async () => {
    const openUntil = new Date(Date.now() + 5 * HOUR).toISOString();
    serve({
      card: respond(cardView({ windowOpenUntil: openUntil, freeTextRefusals: [] })),
      send: (body) =>
        respond({ message: message({ id: 'm-text', text: String(body.text), templateName: null, status: 'sent' }) }),
    });
    const { findByTestId, waitFor } = await renderLoaded();
    expect(findByTestId(Text, 'window-state').text).toMatch(/window is open until/);
    expect(findByTestId(Button, 'send-text').props.disabled).toBe(true);

    typeInto(findByTestId(TextArea, 'free-text'), '  Your parcel arrives tomorrow.  ');
    await waitFor(() => expect(findByTestId(Button, 'send-text').props.disabled).toBe(false));
    findByTestId(Button, 'send-text').trigger('onClick');

    await waitFor(() => expect(findByTestId(Text, 'message-text-m-text').text).toBe('Your parcel arrives tomorrow.'));
    expect(bodiesTo('/api/cards/whatsapp/send')).toEqual([
      { kind: 'text', ...IDS, text: 'Your parcel arrives tomorrow.', requestId: expect.stringMatching(REQUEST_ID) },
    ]);
    expect(findByTestId(TextArea, 'free-text').props.value).toBe('');
  });

  it('each send click carries its own requestId, so only a retry of the same click is deduplicated', async () => {
    const openUntil = new Date(Date.now() + HOUR).toISOString();
    let n = 0;
    serve({
      card: respond(cardView({ windowOpenUntil: openUntil, freeTextRefusals: [] })),
      send: (body) => respond({ message: message({ id: `t${++n}`, text: String(body.text), status: 'sent' }) }),
    });
    const { findByTestId, waitFor } = await renderLoaded();
    for (const [i, text] of ['first', 'second'].entries()) {
      typeInto(findByTestId(TextArea, 'free-text'), text);
      await waitFor(() => expect(findByTestId(Button, 'send-text').props.disabled).toBe(false));
      findByTestId(Button, 'send-text').trigger('onClick');
      await waitFor(() => expect(findByTestId(Text, `message-text-t${i + 1}`).text).toBe(text));
    }
    const ids = bodiesTo('/api/cards/whatsapp/send').map((b) => b.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("when a free-text send fails, shows the server's message", async () => {
    serve({
      card: respond(cardView({ windowOpenUntil: new Date(Date.now() + HOUR).toISOString(), freeTextRefusals: [] })),
      send: respond({ error: { code: 'refused', message: 'The contact opted out a minute ago.' } }, 409),
    });
    const { findByTestId, waitFor } = await renderLoaded();
    typeInto(findByTestId(TextArea, 'free-text'), 'Hello');
    await waitFor(() => expect(findByTestId(Button, 'send-text').props.disabled).toBe(false));
    findByTestId(Button, 'send-text').trigger('onClick');
    await waitFor(() =>
      expect(findByTestId(Alert, 'send-text-error').text).toBe('The contact opted out a minute ago.'),
    );
    expect(findByTestId(TextArea, 'free-text').props.value).toBe('Hello');
  });
});

describe('WhatsApp card: consent', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('shows marketing and utility consent and the opted-out state', async () => {
    serve({
      card: respond(cardView({ consent: consentState({ marketing: 'denied', utility: 'granted', optedOut: true }) })),
    });
    const { findByTestId } = await renderLoaded();
    expect(findByTestId(StatusTag, 'consent-marketing').text).toBe('Denied');
    expect(findByTestId(StatusTag, 'consent-utility').text).toBe('Granted');
    expect(findByTestId(StatusTag, 'consent-opted-out').text).toBe('Opted out');
    expect(findByTestId(Text, 'opted-out-note').text).toMatch(/replying STOP/);
  });

  it('recording consent posts category, decision and source, then shows the new state', async () => {
    serve({
      consent: respond({ consent: consentState({ marketing: 'granted', updatedAt: '2026-11-20T14:05:00.000Z' }) }),
    });
    const { findByTestId, waitFor } = await renderLoaded();
    expect(findByTestId(StatusTag, 'consent-marketing').text).toBe('Not recorded');

    choose(findByTestId(Select, 'consent-category'), 'marketing');
    choose(findByTestId(Select, 'consent-decision'), 'granted');
    typeInto(findByTestId(Input, 'consent-source'), 'verbal, call on 2026-11-20');
    await waitFor(() => expect(findByTestId(Input, 'consent-source').props.value).toBe('verbal, call on 2026-11-20'));
    findByTestId(Button, 'record-consent').trigger('onClick');

    await waitFor(() => expect(findByTestId(StatusTag, 'consent-marketing').text).toBe('Granted'));
    expect(findByTestId(Text, 'consent-saved').text).toBe('Consent recorded.');
    expect(fetchMock).toHaveBeenCalledWith(
      ...post('/api/cards/whatsapp/consent', {
        ...IDS,
        category: 'marketing',
        granted: true,
        source: 'verbal, call on 2026-11-20',
      }),
    );
  });

  it('recording a refusal for utility messages posts granted: false', async () => {
    serve({ consent: respond({ consent: consentState({ utility: 'denied' }) }) });
    const { findByTestId, waitFor } = await renderLoaded();
    choose(findByTestId(Select, 'consent-category'), 'utility');
    choose(findByTestId(Select, 'consent-decision'), 'denied');
    typeInto(findByTestId(Input, 'consent-source'), 'email from the contact');
    await waitFor(() => expect(findByTestId(Select, 'consent-decision').props.value).toBe('denied'));
    findByTestId(Button, 'record-consent').trigger('onClick');
    await waitFor(() => expect(findByTestId(StatusTag, 'consent-utility').text).toBe('Denied'));
    expect(bodiesTo('/api/cards/whatsapp/consent')).toContainEqual({
      ...IDS,
      category: 'utility',
      granted: false,
      source: 'email from the contact',
    });
  });

  it('a consent without a usable source is refused in the card, naming the field, before any call', async () => {
    serve({ consent: respond({ consent: consentState({ marketing: 'granted' }) }) });
    const { findByTestId, waitFor } = await renderLoaded();
    typeInto(findByTestId(Input, 'consent-source'), ' a ');
    await waitFor(() => expect(findByTestId(Input, 'consent-source').props.value).toBe(' a '));
    findByTestId(Button, 'record-consent').trigger('onClick');

    await waitFor(() => expect(findByTestId(Input, 'consent-source').props.error).toBe(true));
    expect(findByTestId(Input, 'consent-source').props.validationMessage).toMatch(/how the contact gave or refused/);
    expect(bodiesTo('/api/cards/whatsapp/consent')).toEqual([]);
  });

  it('when the service rejects the consent, shows its validation message', async () => {
    serve({ consent: respond({ error: { code: 'validation', message: 'source: must not be a placeholder' } }, 400) });
    const { findByTestId, waitFor } = await renderLoaded();
    typeInto(findByTestId(Input, 'consent-source'), 'xxx');
    await waitFor(() => expect(findByTestId(Input, 'consent-source').props.value).toBe('xxx'));
    findByTestId(Button, 'record-consent').trigger('onClick');
    await waitFor(() => expect(findByTestId(Alert, 'consent-error').text).toBe('source: must not be a placeholder'));
    expect(findByTestId(StatusTag, 'consent-marketing').text).toBe('Not recorded');
  });

  it('after consent is recorded, the chosen template is checked again and can then be sent', async () => {
    let consented = false;
    serve({
      preview: () =>
        respond({
          text: 'Hola Ada, 20% off this spring.',
          refusals: consented ? [] : [{ code: 'no_marketing_consent', message: 'No marketing consent.' }],
        }),
      consent: () => {
        consented = true;
        return respond({ consent: consentState({ marketing: 'granted' }) });
      },
    });
    const { findByTestId, maybeFindByTestId, waitFor } = await renderLoaded();
    choose(findByTestId(Select, 'template-select'), 'spring_offer|es');
    await waitFor(() => expect(findByTestId(Alert, 'template-refusals')).toBeDefined());

    typeInto(findByTestId(Input, 'consent-source'), 'signed form at the fair');
    await waitFor(() => expect(findByTestId(Input, 'consent-source').props.value).toBe('signed form at the fair'));
    findByTestId(Button, 'record-consent').trigger('onClick');

    await waitFor(() => expect(findByTestId(Button, 'send-template')).toBeDefined());
    expect(maybeFindByTestId(Alert, 'template-refusals')).toBeNull();
    await vi.waitFor(() =>
      expect(bodiesTo('/api/cards/whatsapp/preview').filter((b) => b.templateName === 'spring_offer')).toHaveLength(2),
    );
  });
});
