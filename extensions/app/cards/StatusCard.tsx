import { Flex, LoadingSpinner, StatusTag, Text, hubspot, type CrmContext } from '@hubspot/ui-extensions';
import { CARD_STATUS_PATH, CardStatusResponse, type ConnectionState } from '@switchboard/contract';
import { callService } from './lib/serviceClient.ts';
import { useServiceData } from './lib/useServiceData.ts';
import { LoadFailed } from './lib/LoadFailed.tsx';

const TAG: Record<ConnectionState, { label: string; variant: 'success' | 'warning' | 'danger' }> = {
  connected: { label: 'Connected', variant: 'success' },
  needs_reauthorization: { label: 'Needs re-authorization', variant: 'warning' },
  not_connected: { label: 'Not connected', variant: 'danger' },
};

/** Switchboard status on the contact record: is this portal connected, and what to do if not. */
export function StatusCard({ context }: { context: CrmContext }) {
  const portalId = context.portal.id;
  const { state, reload } = useServiceData(
    () => callService({ path: CARD_STATUS_PATH, query: { portalId }, schema: CardStatusResponse }),
    String(portalId),
  );

  if (state.status === 'loading') return <LoadingSpinner label="Checking the Switchboard connection" />;
  if (state.status === 'error') {
    return (
      <LoadFailed
        title="Could not check the connection"
        message={state.message}
        onRetry={reload}
        testId="status-error"
      />
    );
  }
  const tag = TAG[state.data.state];
  return (
    <Flex direction="column" gap="sm">
      <StatusTag testId="status-tag" variant={tag.variant}>
        {tag.label}
      </StatusTag>
      <Text testId="status-message">{state.data.message}</Text>
    </Flex>
  );
}

hubspot.extend<'crm.record.sidebar'>(({ context }) => <StatusCard context={context} />);
