import { Flex, Tag, Text, Tile } from '@hubspot/ui-extensions';
import type { SessionCardItem } from '@switchboard/contract';
import { ActionItems } from './ActionItems.tsx';
import { formatDuration, formatTime } from './format.ts';
import { SENTIMENT } from './labels.ts';
import { Participants } from './Participants.tsx';
import type { SessionsScope } from './scope.ts';
import { SummaryNotes } from './SummaryNotes.tsx';
import { SyncStatus } from './SyncStatus.tsx';

/** One conversation: what it was, how it went, what came out of it, whether it reached HubSpot and who was in it. */
export function SessionItem({ session: s, scope }: { session: SessionCardItem; scope: SessionsScope }) {
  const id = s.sessionId;
  const sentiment = SENTIMENT[s.sentiment];
  return (
    <Tile compact testId={`session-${id}`}>
      <Flex direction="column" gap="sm">
        <Flex direction="row" gap="sm" align="center" wrap>
          <Text inline format={{ fontWeight: 'bold' }} testId={`session-title-${id}`}>
            {s.title}
          </Text>
          <Tag inline testId={`session-sentiment-${id}`} variant={sentiment.variant}>
            {sentiment.label}
          </Tag>
        </Flex>
        <Text variant="microcopy" testId={`session-when-${id}`}>
          {`${formatTime(s.startTime, scope)} · ${formatDuration(s.durationSeconds)}`}
        </Text>
        <Text testId={`session-brief-${id}`}>{s.brief}</Text>
        <SyncStatus session={s} scope={scope} />
        <SummaryNotes sessionId={id} keyPoints={s.keyPoints ?? []} nextSteps={s.nextSteps ?? []} />
        <ActionItems sessionId={id} items={s.actionItems} scope={scope} />
        <Participants sessionId={id} participants={s.participants} />
      </Flex>
    </Tile>
  );
}
