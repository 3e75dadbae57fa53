import { Button, EmptyState, Flex, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { SessionCardItem } from '@switchboard/contract';
import { RECORD_NOUN, type SessionsScope } from './scope.ts';
import { SessionItem } from './SessionItem.tsx';
import { type SessionPages, useSessionPages } from './useSessionPages.ts';
import { LoadFailed } from '../lib/LoadFailed.tsx';

/** Newest first within the page whatever order it came in; the service's cursor orders the pages themselves. */
export function newestFirst(sessions: readonly SessionCardItem[]): SessionCardItem[] {
  return [...sessions].sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
}

function Pager({ pages }: { pages: SessionPages }) {
  if (!pages.hasNewer && !pages.hasOlder) return null;
  return (
    <Flex direction="row" gap="sm" align="center">
      <Button testId="newer-sessions" size="sm" disabled={!pages.hasNewer} onClick={pages.newer}>
        Newer
      </Button>
      <Text testId="sessions-page" inline>{`Page ${pages.page}`}</Text>
      <Button testId="older-sessions" size="sm" disabled={!pages.hasOlder} onClick={pages.older}>
        Older
      </Button>
    </Flex>
  );
}

/** The conversations logged on this record, newest first, a page at a time. */
export function SessionsList({ scope }: { scope: SessionsScope }) {
  const pages = useSessionPages(scope);
  const { state } = pages;
  const noun = RECORD_NOUN[scope.objectType];

  if (state.status === 'loading') return <LoadingSpinner label={`Loading conversations with ${noun}`} />;
  if (state.status === 'error') {
    return (
      <LoadFailed title={`Could not load conversations with ${noun}`} message={state.message} onRetry={pages.reload} />
    );
  }
  if (state.data.sessions.length === 0 && pages.page === 1) {
    return (
      <EmptyState testId="no-sessions" title="No conversations yet" layout="vertical">
        <Text>
          {`Calls and meetings show up here once your conversation platform sends their summaries to Switchboard and a participant matches ${noun}. Matching rules and sync options are in the Switchboard app settings.`}
        </Text>
      </EmptyState>
    );
  }
  return (
    <Flex direction="column" gap="sm">
      {newestFirst(state.data.sessions).map((s) => (
        <SessionItem key={s.sessionId} session={s} scope={scope} />
      ))}
      <Flex direction="row" gap="sm" align="center" justify="between" wrap>
        <Pager pages={pages} />
        {/* Syncs finish in the background (pending → synced, task statuses change): let the rep look again. */}
        <Button testId="refresh" size="sm" variant="secondary" onClick={pages.reload}>
          Refresh
        </Button>
      </Flex>
    </Flex>
  );
}
