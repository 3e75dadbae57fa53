import { Alert, Button, Flex, StatusTag, Text } from '@hubspot/ui-extensions';
import type { SessionCardItem } from '@switchboard/contract';
import { SYNC_STATUS } from './labels.ts';
import type { SessionsScope } from './scope.ts';
import { useResync } from './useResync.ts';

/** The note beside the status: why a sync failed (the service's reason), or what a re-sync answered. */
function noteOf(status: SessionCardItem['status'], reason: string | null): string | null {
  if (status === 'failed') return `Why: ${reason ?? 'Switchboard recorded no reason.'}`;
  return reason;
}

/**
 * Whether this session reached HubSpot (meeting, tasks, record updates), and for a failed one a Re-sync button.
 * The service's answer replaces the loaded status at once (pending when queued again), without reloading the list.
 */
export function SyncStatus({ session, scope }: { session: SessionCardItem; scope: SessionsScope }) {
  const id = session.sessionId;
  const { state, resync } = useResync(scope, id);
  const answered = state.kind === 'answered' ? state.response : null;
  const status = answered?.status ?? session.status;
  const note = answered ? answered.message : noteOf(session.status, session.statusReason);
  const tag = SYNC_STATUS[status];
  const sending = state.kind === 'sending';

  return (
    <Flex direction="column" gap="xs">
      <Flex direction="row" gap="sm" align="center" wrap>
        <StatusTag testId={`session-status-${id}`} variant={tag.variant}>
          {tag.label}
        </StatusTag>
        {note !== null && (
          <Text inline variant="microcopy" testId={`session-status-note-${id}`}>
            {note}
          </Text>
        )}
        {status === 'failed' && (
          <Button testId={`resync-${id}`} size="xs" variant="secondary" disabled={sending} onClick={resync}>
            {sending ? 'Re-syncing…' : 'Re-sync'}
          </Button>
        )}
      </Flex>
      {state.kind === 'failed' && (
        <Alert testId={`resync-error-${id}`} variant="error" title="Re-sync not started">
          {state.message}
        </Alert>
      )}
    </Flex>
  );
}
