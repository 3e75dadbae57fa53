import { createRenderer } from '@hubspot/ui-extensions/testing';
import {
  Alert,
  Button,
  DateInput,
  EmptyState,
  ErrorState,
  Heading,
  Input,
  LoadingSpinner,
  StatusTag,
  TableCell,
  TableRow,
  Text,
  Tile,
} from '@hubspot/ui-extensions';
import { CrmActionLink } from '@hubspot/ui-extensions/crm';
import type { CreateOrderPrefill, OrderDetail, OrderSummary } from '@switchboard/contract';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchMock, respond } from './fetchMock.ts';

// vi.mock is hoisted above the imports, so the factory reaches the shared spy through a dynamic import.
vi.mock('@hubspot/ui-extensions', async (orig) => (await import('./fetchMock.ts')).mockHubspotFetch(orig));
const { OrdersCard } = await import('../../extensions/app/cards/OrdersCard.tsx');
const { OrdersCardCompany } = await import('../../extensions/app/cards/OrdersCardCompany.tsx');
const { SERVICE_ORIGIN } = await import('../../extensions/app/cards/lib/serviceOrigin.ts');

const PORTAL = 123;
const DEAL = '4242';
const COMPANY = '777';
const REQUEST_ID = /^[0-9a-z]+-[0-9a-z]+-[0-9a-z]{8}$/;
const PATH = { deal: '/api/cards/orders/deal', company: '/api/cards/orders/company', create: '/api/cards/orders' };

const summary = (o: Partial<OrderSummary> = {}): OrderSummary => ({
  id: 1,
  number: 'SO-000001',
  name: 'Acme – 40 chairs',
  dealId: DEAL,
  status: 'new',
  value: '1250.00',
  currency: 'EUR',
  orderDate: '2026-01-31',
  customer: { companyId: COMPANY, name: 'Acme Retail', domain: 'acme.example', phone: null, address: null },
  shipping: { carrier: null, trackingNumber: null, shippedAt: null },
  source: 'automatic',
  createdAt: '2026-01-31T10:00:00.000Z',
  updatedAt: '2026-01-31T10:00:00.000Z',
  ...o,
});

const detail = (o: Partial<OrderDetail> = {}): OrderDetail => ({
  ...summary(),
  contacts: [{ hubspotId: '51', name: 'Ada Lovelace', email: 'ada@acme.example' }],
  lineItems: [{ hubspotId: '901', name: 'Chair', quantity: '40', price: '31.25', amount: '1250.00', sku: 'CH-1' }],
  custom: {},
  completedAt: null,
  history: [{ fromStatus: null, toStatus: 'new', actor: 'system:webhook', at: '2026-01-31T10:00:00.000Z' }],
  openConflicts: 0,
  syncedToDeal: true,
  ...o,
});

const prefill = (fields: Record<string, string | null> = {}, issues: CreateOrderPrefill['issues'] = []) => ({
  dealId: DEAL,
  fields: {
    name: 'Acme – 40 chairs',
    orderDate: '2026-01-31',
    value: '1250.00',
    currency: 'EUR',
    customerName: 'Acme Retail',
    customerDomain: 'acme.example',
    customerPhone: '+44 20 7946 0000',
    customerAddress: null,
    ...fields,
  },
  issues,
});

type Answer = ReturnType<typeof respond>;
type Route = Answer | ((url: URL, body: Record<string, unknown>) => Answer | Promise<Answer>);

/** Answers each card endpoint by path, so the order of the card's calls does not matter. */
function serve(routes: { deal?: Route; company?: Route; create?: Route }) {
  const byPath: Record<string, Route | undefined> = {
    [PATH.deal]: routes.deal ?? respond({ state: 'none', prefill: prefill() }),
    [PATH.company]: routes.company,
    [PATH.create]: routes.create,
  };
  fetchMock.mockImplementation(async (url: string, init: { body?: Record<string, unknown> }) => {
    const route = byPath[new URL(url).pathname];
    if (route === undefined) return respond({ error: { code: 'not_found', message: `unexpected ${url}` } }, 404);
    return typeof route === 'function' ? route(new URL(url), init.body ?? {}) : route;
  });
}

/** What this test's card sent to one endpoint (earlier tests' cards stay mounted, so filter on this test's calls). */
const callsTo = (path: string) =>
  fetchMock.mock.calls
    .filter(([url]) => new URL(url as string).pathname === path)
    .map(([url, init]) => ({ url: new URL(url as string), body: (init as { body?: Record<string, unknown> }).body }));
const bodiesTo = (path: string) => callsTo(path).map((c) => c.body);

/**
 * @hubspot/ui-extensions 0.17 types `trigger`'s argument as the handler itself; at run time it is what the handler
 * receives (the typed text, the picked date). These helpers keep that cast in one place.
 */
type Triggerable = { trigger(event: string, arg?: unknown): void };
const typeInto = (field: Triggerable, text: string) => field.trigger('onInput', text);
const pickDate = (field: Triggerable, date: { year: number; month: number; date: number }) =>
  field.trigger('onChange', date);

/** An element's `.text` is null once it holds other components: read the texts of the ones inside instead. */
type Node = { findAll(c: typeof Text | typeof TableCell): { text: string | null }[] };
const linesIn = (node: Node) => node.findAll(Text).map((t) => t.text);
const cellsIn = (row: Node) => row.findAll(TableCell).map((c) => c.text);

function renderDeal() {
  const renderer = createRenderer('crm.record.tab');
  renderer.mocks.context.crm = { objectId: Number(DEAL), objectTypeId: '0-3' };
  renderer.mocks.context.user.locale = 'en-US';
  renderer.render(
    <OrdersCard
      context={renderer.mocks.context}
      refreshObjectProperties={renderer.mocks.actions.refreshObjectProperties}
    />,
  );
  return renderer;
}

async function renderForm() {
  const renderer = renderDeal();
  await renderer.waitFor(() => expect(renderer.findByTestId(Button, 'create-order')).toBeDefined());
  return renderer;
}

async function renderLinked(order: OrderDetail) {
  serve({ deal: respond({ state: 'linked', order }) });
  const renderer = renderDeal();
  await renderer.waitFor(() => expect(renderer.findByTestId(Heading, 'order-number')).toBeDefined());
  return renderer;
}

function renderCompany() {
  const renderer = createRenderer('crm.record.tab');
  renderer.mocks.context.crm = { objectId: Number(COMPANY), objectTypeId: '0-2' };
  renderer.mocks.context.user.locale = 'en-US';
  renderer.render(<OrdersCardCompany context={renderer.mocks.context} />);
  return renderer;
}

describe('Orders card on a deal: loading and errors', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('while the service has not answered, shows a spinner', () => {
    fetchMock.mockReturnValue(new Promise(() => {}));
    const { find } = renderDeal();
    expect(find(LoadingSpinner).props.label).toMatch(/order for this deal/);
  });

  it("asks for this deal's order with the portal and the deal in the signed URL", async () => {
    serve({});
    await renderForm();
    expect(fetchMock).toHaveBeenCalledWith(`${SERVICE_ORIGIN}${PATH.deal}?portalId=${PORTAL}&dealId=${DEAL}`, {
      method: 'GET',
      timeout: 10_000,
    });
  });

  it("when the service fails, shows its message and loads again on 'Try again'", async () => {
    let calls = 0;
    serve({
      deal: () =>
        ++calls === 1
          ? respond({ error: { code: 'rate_limited', message: 'HubSpot is busy, try again in a minute' } }, 503)
          : respond({ state: 'linked', order: detail() }),
    });
    const { find, findByTestId, waitFor } = renderDeal();
    await waitFor(() => expect(find(ErrorState)).toBeDefined());
    expect(findByTestId(Text, 'card-error').text).toBe('HubSpot is busy, try again in a minute');
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(findByTestId(Heading, 'order-number').text).toBe('Order SO-000001'));
  });

  it('when the service answers a shape the contract does not allow, says so instead of showing a broken form', async () => {
    serve({ deal: respond({ state: 'none', prefill: { fields: {} } }) });
    const { findByTestId, waitFor } = renderDeal();
    await waitFor(() => expect(findByTestId(Text, 'card-error').text).toMatch(/unexpected answer/));
  });
});

describe('Orders card on a deal without an order: the Create order form', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('shows the form pre-filled from the mapped deal data, with nothing flagged', async () => {
    serve({});
    const { findByTestId, maybeFind } = await renderForm();
    expect(findByTestId(Input, 'field-name').props.value).toBe('Acme – 40 chairs');
    expect(findByTestId(DateInput, 'field-orderDate').props.value).toEqual({ year: 2026, month: 0, date: 31 });
    expect(findByTestId(Input, 'field-value').props.value).toBe('1250.00');
    expect(findByTestId(Input, 'field-currency').props.value).toBe('EUR');
    expect(findByTestId(Input, 'field-customerName').props.value).toBe('Acme Retail');
    expect(findByTestId(Input, 'field-customerDomain').props.value).toBe('acme.example');
    expect(findByTestId(Input, 'field-customerPhone').props.value).toBe('+44 20 7946 0000');
    // A value the deal does not have starts empty, not as "null".
    expect(findByTestId(Input, 'field-customerAddress').props.value).toBe('');
    expect(findByTestId(Input, 'field-value').props.error).toBe(false);
    expect(findByTestId(Button, 'create-order').props.disabled).toBe(false);
    expect(maybeFind(Alert)).toBeNull();
  });

  it("shows the mapping's issues next to their fields, and the ones without a field in a note", async () => {
    const issues = [
      { field: 'value', message: 'deal has no amount and `value` is required by the mapping' },
      { field: 'custom.region', message: 'deal property "region" does not exist' },
    ];
    serve({ deal: respond({ state: 'none', prefill: prefill({ value: null }, issues) }) });
    const { findByTestId, waitFor } = await renderForm();
    expect(findByTestId(Input, 'field-value').props.error).toBe(true);
    expect(findByTestId(Input, 'field-value').props.validationMessage).toBe(issues[0]?.message);
    expect(linesIn(findByTestId(Alert, 'mapping-notes'))).toEqual([
      'custom.region: deal property "region" does not exist',
    ]);

    // The issue goes once the rep has filled the field in.
    typeInto(findByTestId(Input, 'field-value'), '990');
    await waitFor(() => expect(findByTestId(Input, 'field-value').props.error).toBe(false));
  });

  it('flags a pre-filled value the contract refuses as soon as the form shows', async () => {
    serve({ deal: respond({ state: 'none', prefill: prefill({ currency: 'euro', customerDomain: 'acme' }) }) });
    const { findByTestId } = await renderForm();
    expect(findByTestId(Input, 'field-currency').props.validationMessage).toBe(
      'Use a three-letter currency code like EUR',
    );
    expect(findByTestId(Input, 'field-customerDomain').props.validationMessage).toBe('Enter a domain like example.com');
    expect(findByTestId(Input, 'field-name').props.error).toBe(false);
  });

  it('the rep edits the form and creates: the request carries the edited values and the new order is shown', async () => {
    serve({
      create: (_url, body) =>
        respond({
          created: true,
          order: detail({
            number: 'SO-000042',
            name: String((body.fields as Record<string, unknown>).name),
            source: 'manual',
          }),
        }),
    });
    const { findByTestId, mocks, waitFor } = await renderForm();

    typeInto(findByTestId(Input, 'field-name'), '  Acme – 45 chairs ');
    pickDate(findByTestId(DateInput, 'field-orderDate'), { year: 2026, month: 1, date: 14 });
    typeInto(findByTestId(Input, 'field-value'), '1406.25');
    typeInto(findByTestId(Input, 'field-currency'), 'gbp');
    typeInto(findByTestId(Input, 'field-customerPhone'), '');
    typeInto(findByTestId(Input, 'field-customerAddress'), '1 Chair Lane, Leeds');
    await waitFor(() => expect(findByTestId(Input, 'field-customerAddress').props.value).toBe('1 Chair Lane, Leeds'));
    findByTestId(Button, 'create-order').trigger('onClick');

    await waitFor(() => expect(findByTestId(Alert, 'order-created').text).toMatch(/SO-000042 was created/));
    expect(findByTestId(Heading, 'order-number').text).toBe('Order SO-000042');
    expect(findByTestId(Text, 'order-name').text).toBe('Acme – 45 chairs');
    expect(bodiesTo(PATH.create)).toEqual([
      {
        portalId: PORTAL,
        dealId: DEAL,
        fields: {
          name: 'Acme – 45 chairs',
          orderDate: '2026-02-14',
          value: '1406.25',
          currency: 'GBP',
          customerName: 'Acme Retail',
          customerDomain: 'acme.example',
          customerPhone: null, // emptied by the rep: "no phone", not "take the deal's"
          customerAddress: '1 Chair Lane, Leeds',
        },
        requestId: expect.stringMatching(REQUEST_ID),
      },
    ]);
    expect(callsTo(PATH.create)[0]?.url.search).toBe('');
    // The service wrote the order onto the deal: the record page is told to re-read the deal's properties.
    await vi.waitFor(() => expect(mocks.actions.refreshObjectProperties.callCount).toBe(1));
  });

  it('a form the contract refuses is flagged on its fields and nothing is sent', async () => {
    serve({ create: respond({ created: true, order: detail() }) });
    const { findByTestId, waitFor } = await renderForm();
    typeInto(findByTestId(Input, 'field-name'), '   ');
    typeInto(findByTestId(Input, 'field-value'), 'lots');
    await waitFor(() => expect(findByTestId(Input, 'field-value').props.value).toBe('lots'));
    findByTestId(Button, 'create-order').trigger('onClick');

    await waitFor(() => expect(findByTestId(Input, 'field-name').props.validationMessage).toBe('Enter an order name'));
    expect(findByTestId(Input, 'field-value').props.validationMessage).toBe('Enter an amount like 1250.00');
    expect(findByTestId(Input, 'field-value').props.error).toBe(true);
    expect(findByTestId(Text, 'form-invalid').text).toMatch(/Fix the marked fields/);
    expect(bodiesTo(PATH.create)).toEqual([]);

    // Fixed, the same form goes out.
    typeInto(findByTestId(Input, 'field-name'), 'Chairs');
    typeInto(findByTestId(Input, 'field-value'), '1250');
    await waitFor(() => expect(findByTestId(Input, 'field-value').props.error).toBe(false));
    findByTestId(Button, 'create-order').trigger('onClick');
    await vi.waitFor(() => expect(bodiesTo(PATH.create)).toHaveLength(1));
    expect(bodiesTo(PATH.create)[0]?.fields).toMatchObject({ name: 'Chairs', value: '1250' });
  });

  it("when the service refuses fields, shows its messages on them and the rest in an Alert, keeping the rep's edits", async () => {
    serve({
      create: respond(
        {
          error: {
            code: 'validation',
            message: 'the order form has errors: …',
            details: {
              fields: {
                customerDomain: 'acme.example belongs to another company in HubSpot',
                'custom.region': 'is required by the mapping',
              },
            },
          },
        },
        400,
      ),
    });
    const { findByTestId, maybeFindByTestId, waitFor } = await renderForm();
    typeInto(findByTestId(Input, 'field-customerName'), 'Acme Retail Ltd');
    await waitFor(() => expect(findByTestId(Input, 'field-customerName').props.value).toBe('Acme Retail Ltd'));
    findByTestId(Button, 'create-order').trigger('onClick');

    await waitFor(() =>
      expect(findByTestId(Input, 'field-customerDomain').props.validationMessage).toBe(
        'acme.example belongs to another company in HubSpot',
      ),
    );
    expect(findByTestId(Input, 'field-customerDomain').props.error).toBe(true);
    const alert = findByTestId(Alert, 'create-error');
    expect(alert.props.title).toBe('Order not created');
    expect(linesIn(alert)).toEqual([
      expect.stringContaining('fix the marked fields'),
      'custom.region: is required by the mapping',
    ]);
    expect(findByTestId(Input, 'field-customerName').props.value).toBe('Acme Retail Ltd');
    expect(findByTestId(Button, 'create-order').props.disabled).toBe(false);
    expect(maybeFindByTestId(Heading, 'order-number')).toBeNull();

    // Editing the refused field takes the service's message away: it judged the old value.
    typeInto(findByTestId(Input, 'field-customerDomain'), 'acme-retail.example');
    await waitFor(() => expect(findByTestId(Input, 'field-customerDomain').props.error).toBe(false));
  });

  it("when creating fails for another reason, shows the service's message and lets the rep try again", async () => {
    let calls = 0;
    serve({
      create: () =>
        ++calls === 1
          ? respond({ error: { code: 'unavailable', message: 'HubSpot did not answer in time' } }, 503)
          : respond({ created: true, order: detail({ number: 'SO-000043' }) }),
    });
    const { findByTestId, waitFor } = await renderForm();
    findByTestId(Button, 'create-order').trigger('onClick');
    await waitFor(() =>
      expect(linesIn(findByTestId(Alert, 'create-error'))).toEqual(['HubSpot did not answer in time']),
    );
    expect(findByTestId(Button, 'create-order').props.disabled).toBe(false);

    findByTestId(Button, 'create-order').trigger('onClick');
    await waitFor(() => expect(findByTestId(Heading, 'order-number').text).toBe('Order SO-000043'));
    // A new click is a new request: only HubSpot's own retry of one click shares its id.
    const ids = bodiesTo(PATH.create).map((b) => b?.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('while creating, the button is disabled and a double click sends one request', async () => {
    let finish: (a: Answer) => void = () => {};
    serve({ create: () => new Promise<Answer>((resolve) => (finish = resolve)) });
    const { findByTestId, waitFor } = await renderForm();

    const button = findByTestId(Button, 'create-order');
    button.trigger('onClick');
    button.trigger('onClick'); // before React re-rendered the button as disabled
    await waitFor(() => expect(findByTestId(Button, 'create-order').props.disabled).toBe(true));
    expect(findByTestId(Button, 'create-order').text).toBe('Creating…');
    findByTestId(Button, 'create-order').trigger('onClick');

    finish(respond({ created: true, order: detail({ number: 'SO-000044' }) }));
    await waitFor(() => expect(findByTestId(Heading, 'order-number').text).toBe('Order SO-000044'));
    expect(bodiesTo(PATH.create)).toHaveLength(1);
  });

  it('when the deal got its order meanwhile (Closed Won was faster), shows that order, not an error', async () => {
    serve({ create: respond({ created: false, order: detail({ number: 'SO-000007' }) }) });
    const { findByTestId, maybeFindByTestId, waitFor } = await renderForm();
    findByTestId(Button, 'create-order').trigger('onClick');
    await waitFor(() => expect(findByTestId(Alert, 'order-existed').text).toMatch(/SO-000007/));
    expect(maybeFindByTestId(Alert, 'order-created')).toBeNull();
    expect(findByTestId(Heading, 'order-number').text).toBe('Order SO-000007');
  });
});

describe('Orders card on a deal with an order', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('shows number, status, value, date, customer, shipping and line items', async () => {
    const order = detail({
      status: 'shipped',
      shipping: { carrier: 'DHL', trackingNumber: 'JD0146000031', shippedAt: '2026-02-03T15:30:00.000Z' },
      customer: { companyId: COMPANY, name: 'Acme Retail', domain: 'acme.example', phone: '+44 20', address: 'Leeds' },
    });
    const { findByTestId, findAll, maybeFind } = await renderLinked(order);

    expect(findByTestId(Heading, 'order-number').text).toBe('Order SO-000001');
    expect(findByTestId(StatusTag, 'order-status').text).toBe('Shipped');
    expect(findByTestId(Text, 'order-value').text).toBe('€1,250.00');
    expect(findByTestId(Text, 'order-date').text).toBe('Jan 31, 2026');
    expect(findByTestId(Text, 'order-source').text).toMatch(/when the deal closed won/);
    expect(findByTestId(Text, 'customer-name').text).toBe('Acme Retail');
    expect(findByTestId(Text, 'customer-domain').text).toBe('acme.example');
    expect(findByTestId(Text, 'customer-contacts').text).toBe('Ada Lovelace');
    expect(findByTestId(Text, 'shipping-carrier').text).toBe('DHL');
    expect(findByTestId(Text, 'shipping-tracking').text).toBe('JD0146000031');
    // Shipped times are in the portal's zone (America/New_York: 15:30 UTC is 10:30 AM).
    expect(findByTestId(Text, 'shipping-at').text).toMatch(/^Feb 3, 2026, 10:30\sAM$/);
    expect(cellsIn(findByTestId(TableRow, 'line-item-901'))).toEqual(['Chair', 'CH-1', '40', '€31.25', '€1,250.00']);
    expect(findAll(TableRow)).toHaveLength(2); // header + one line item
    expect(maybeFind(Button, { testId: 'create-order' })).toBeNull();
  });

  it('shows the status history newest first, with what changed, who changed it and when', async () => {
    const history = [
      { fromStatus: null, toStatus: 'new', actor: 'system:webhook', at: '2026-01-31T10:00:00.000Z' },
      { fromStatus: 'in_production', toStatus: 'shipped', actor: 'api:order-system', at: '2026-02-03T15:30:00.000Z' },
      { fromStatus: 'new', toStatus: 'in_production', actor: 'user:7', at: '2026-02-01T09:00:00.000Z' },
    ];
    const { findAll, findByTestId } = await renderLinked(detail({ status: 'shipped', history }));

    const tiles = findAll(Tile).filter((t) => String(t.props.testId).startsWith('history-'));
    expect(tiles.map((t) => t.find(StatusTag).text)).toEqual(['Shipped', 'In production', 'New']);
    expect(findByTestId(Text, 'history-change-0').text).toBe('Changed from In production');
    expect(findByTestId(Text, 'history-meta-0').text).toMatch(/^Feb 3, 2026, 10:30\sAM by the order system$/);
    expect(findByTestId(Text, 'history-meta-1').text).toMatch(/by a HubSpot user$/);
    expect(findByTestId(Text, 'history-change-2').text).toBe('Order created');
    expect(findByTestId(Text, 'history-meta-2').text).toMatch(/by Switchboard$/);
  });

  it('an order not shipped yet, without line items, says so plainly', async () => {
    const { findByTestId } = await renderLinked(detail({ lineItems: [], value: null, currency: null }));
    expect(findByTestId(Text, 'shipping-none').text).toBe('Not shipped yet.');
    expect(findByTestId(Text, 'line-items-empty').text).toMatch(/No line items/);
    expect(findByTestId(Text, 'order-value').text).toBe('—');
  });

  it('warns when the deal does not show the order yet and when fields wait for a conflict decision', async () => {
    const lagging = await renderLinked(detail({ syncedToDeal: false, openConflicts: 2 }));
    expect(lagging.findByTestId(Alert, 'not-synced').props.title).toBe('The deal does not show this order yet');
    expect(lagging.findByTestId(Alert, 'open-conflicts').text).toMatch(/^2 fields differ/);

    const inStep = await renderLinked(detail({ syncedToDeal: true, openConflicts: 0 }));
    expect(inStep.maybeFindByTestId(Alert, 'not-synced')).toBeNull();
    expect(inStep.maybeFindByTestId(Alert, 'open-conflicts')).toBeNull();
  });

  it('Refresh asks the service again and shows the new status', async () => {
    let status = 'new';
    serve({ deal: () => respond({ state: 'linked', order: detail({ status }) }) });
    const { findByTestId, waitFor } = renderDeal();
    await waitFor(() => expect(findByTestId(StatusTag, 'order-status').text).toBe('New'));
    status = 'in_production';
    findByTestId(Button, 'refresh').trigger('onClick');
    await waitFor(() => expect(findByTestId(StatusTag, 'order-status').text).toBe('In production'));
  });
});

describe('Orders card on a company', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  /** Ten orders per page, ids counting down from `from` (newest first, as the service pages them). */
  const page = (from: number, count: number, nextBefore: number | null) => ({
    orders: Array.from({ length: count }, (_, i) =>
      summary({ id: from - i, number: `SO-${String(from - i).padStart(6, '0')}`, dealId: String(5000 + from - i) }),
    ),
    nextBefore,
  });

  it("lists the company's orders with number, deal, status, value and date", async () => {
    serve({
      company: respond({
        orders: [summary({ id: 9, number: 'SO-000009', name: 'Acme – desks', dealId: '5009', status: 'completed' })],
        nextBefore: null,
      }),
    });
    const { findByTestId, maybeFindByTestId, waitFor } = renderCompany();
    await waitFor(() => expect(findByTestId(TableRow, 'order-9')).toBeDefined());

    // Deal and status cells hold components (checked below), so their own text is null.
    expect(cellsIn(findByTestId(TableRow, 'order-9'))).toEqual(['SO-000009', null, null, '€1,250.00', 'Jan 31, 2026']);
    expect(findByTestId(StatusTag, 'order-status-9').text).toBe('Completed');
    expect(findByTestId(StatusTag, 'order-status-9').props.variant).toBe('success');
    const deal = findByTestId(CrmActionLink, 'order-deal-9');
    expect(deal.text).toBe('Acme – desks');
    expect(deal.props.actionContext).toEqual({ objectTypeId: '0-3', objectId: 5009 });
    // One page only: no paging buttons.
    expect(maybeFindByTestId(Button, 'older-orders')).toBeNull();
    expect(fetchMock).toHaveBeenCalledWith(
      `${SERVICE_ORIGIN}${PATH.company}?portalId=${PORTAL}&companyId=${COMPANY}&limit=10`,
      { method: 'GET', timeout: 10_000 },
    );
  });

  it('pages through older orders with the cursor the service gave, and back to newer ones', async () => {
    serve({
      company: (url) => {
        const before = url.searchParams.get('before');
        if (before === null) return respond(page(25, 10, 16));
        if (before === '16') return respond(page(15, 10, 6));
        return respond(page(5, 5, null));
      },
    });
    const { findByTestId, waitFor } = renderCompany();
    await waitFor(() => expect(findByTestId(TableRow, 'order-25')).toBeDefined());
    expect(findByTestId(Button, 'newer-orders').props.disabled).toBe(true);
    expect(findByTestId(Text, 'orders-page').text).toBe('Page 1');

    findByTestId(Button, 'older-orders').trigger('onClick');
    await waitFor(() => expect(findByTestId(TableRow, 'order-15')).toBeDefined());
    findByTestId(Button, 'older-orders').trigger('onClick');
    await waitFor(() => expect(findByTestId(TableRow, 'order-5')).toBeDefined());
    expect(findByTestId(Text, 'orders-page').text).toBe('Page 3');
    expect(findByTestId(Button, 'older-orders').props.disabled).toBe(true);

    findByTestId(Button, 'newer-orders').trigger('onClick');
    await waitFor(() => expect(findByTestId(TableRow, 'order-15')).toBeDefined());
    expect(findByTestId(Text, 'orders-page').text).toBe('Page 2');
    expect(callsTo(PATH.company).map((c) => c.url.searchParams.get('before'))).toEqual([null, '16', '6', '16']);
  });

  it('when the company has no orders, says how orders get here', async () => {
    serve({ company: respond({ orders: [], nextBefore: null }) });
    const { find, waitFor } = renderCompany();
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No orders for this company yet'));
    expect(find(EmptyState).findChild(Text).text).toMatch(/closes won/);
  });

  it("when the service fails, shows its message and loads again on 'Try again'", async () => {
    let calls = 0;
    serve({
      company: () =>
        ++calls === 1
          ? respond({ error: { code: 'internal', message: 'Database is down' } }, 500)
          : respond(page(3, 3, null)),
    });
    const { find, findByTestId, waitFor } = renderCompany();
    await waitFor(() => expect(find(ErrorState)).toBeDefined());
    expect(findByTestId(Text, 'card-error').text).toBe('Database is down');
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(findByTestId(TableRow, 'order-3')).toBeDefined());
  });
});
