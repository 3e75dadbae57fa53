import { createRenderer } from '@hubspot/ui-extensions/testing';
import { ErrorState, LoadingSpinner, StatusTag, Text, Button } from '@hubspot/ui-extensions';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchMock, respond } from './fetchMock.ts';

// vi.mock is hoisted above the imports, so the factory reaches the shared spy through a dynamic import.
vi.mock('@hubspot/ui-extensions', async (orig) => (await import('./fetchMock.ts')).mockHubspotFetch(orig));
const { StatusCard } = await import('../../extensions/app/cards/StatusCard.tsx');
const { SERVICE_ORIGIN } = await import('../../extensions/app/cards/lib/serviceOrigin.ts');

function renderCard() {
  const renderer = createRenderer('crm.record.sidebar');
  renderer.render(<StatusCard context={renderer.mocks.context} />);
  return renderer;
}

describe('Switchboard status card', () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it('shows a spinner while the service has not answered yet', () => {
    fetchMock.mockReturnValue(new Promise(() => {}));
    const { find } = renderCard();
    expect(find(LoadingSpinner).props.label).toMatch(/Checking/);
  });

  it('asks the service about this portal with a signed-able absolute URL and no extra headers', async () => {
    fetchMock.mockResolvedValue(respond({ portalId: 123, state: 'connected', message: 'ok', connectedSince: null }));
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(StatusTag, 'status-tag').text).toBe('Connected'));
    // The test renderer keeps one root across tests, so count only what this render asked for.
    expect(fetchMock).toHaveBeenLastCalledWith(`${SERVICE_ORIGIN}/api/cards/status?portalId=123`, {
      method: 'GET',
      timeout: 10_000,
    });
  });

  it('when the portal is connected, shows a green tag and the service message', async () => {
    fetchMock.mockResolvedValue(
      respond({
        portalId: 123,
        state: 'connected',
        message: 'Switchboard is connected and syncing.',
        connectedSince: '2026-01-01T00:00:00.000Z',
      }),
    );
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(StatusTag, 'status-tag').props.variant).toBe('success'));
    expect(findByTestId(Text, 'status-message').text).toBe('Switchboard is connected and syncing.');
  });

  it('when the portal is not connected, says so with a danger tag', async () => {
    fetchMock.mockResolvedValue(
      respond({
        portalId: 123,
        state: 'not_connected',
        message: 'Switchboard is not connected.',
        connectedSince: null,
      }),
    );
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(StatusTag, 'status-tag').text).toBe('Not connected'));
    expect(findByTestId(StatusTag, 'status-tag').props.variant).toBe('danger');
  });

  it('when re-authorization is needed, shows a warning with the reason', async () => {
    fetchMock.mockResolvedValue(
      respond({
        portalId: 123,
        state: 'needs_reauthorization',
        message: 'Refresh token revoked.',
        connectedSince: null,
      }),
    );
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(StatusTag, 'status-tag').props.variant).toBe('warning'));
    expect(findByTestId(Text, 'status-message').text).toBe('Refresh token revoked.');
  });

  it('when the service answers an error, shows its message and retries on demand', async () => {
    fetchMock
      .mockResolvedValueOnce(respond({ error: { code: 'internal', message: 'Database is down' } }, 503))
      .mockResolvedValueOnce(respond({ portalId: 123, state: 'connected', message: 'back', connectedSince: null }));
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(ErrorState)).toBeDefined());
    expect(findByTestId(Text, 'status-error').text).toBe('Database is down');
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(findByTestId(StatusTag, 'status-tag').text).toBe('Connected'));
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('when the service cannot be reached, says so instead of crashing', async () => {
    fetchMock.mockRejectedValue(new TypeError('network down'));
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Text, 'status-error').text).toMatch(/could not be reached/));
  });

  it('when the service answers a shape the contract does not allow, shows an error', async () => {
    fetchMock.mockResolvedValue(respond({ portalId: 123, state: 'maybe' }));
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Text, 'status-error').text).toMatch(/unexpected answer/));
  });
});
