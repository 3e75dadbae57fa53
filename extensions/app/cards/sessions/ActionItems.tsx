import { Flex, StatusTag, Text } from '@hubspot/ui-extensions';
import type { ActionItemView } from '@switchboard/contract';
import { formatDue } from './format.ts';
import { PRIORITY, taskStatus } from './labels.ts';
import type { SessionsScope } from './scope.ts';

/** "Assigned to sam@acme.example · Due Mar 1, 2026 · High priority": who owns it and by when. */
function metaLine(item: ActionItemView, scope: SessionsScope): string {
  const parts = [
    item.assigneeEmail === null ? 'No assignee' : `Assigned to ${item.assigneeEmail}`,
    ...(item.dueDate === null ? [] : [`Due ${formatDue(item.dueDate, scope)}`]),
    PRIORITY[item.priority],
  ];
  return parts.join(' · ');
}

interface Props {
  sessionId: string;
  items: readonly ActionItemView[];
  scope: SessionsScope;
}

/** The session's action items with the status of the HubSpot task each became, as HubSpot has it now. */
export function ActionItems({ sessionId, items, scope }: Props) {
  if (items.length === 0) return null;
  return (
    <Flex direction="column" gap="xs">
      <Text format={{ fontWeight: 'demibold' }}>{`Action items (${items.length})`}</Text>
      {items.map((item, i) => {
        const status = taskStatus(item.taskId, item.taskStatus);
        const key = `${sessionId}-${i}`;
        return (
          <Flex key={key} direction="row" gap="sm" align="center" wrap>
            <StatusTag testId={`action-status-${key}`} variant={status.variant}>
              {status.label}
            </StatusTag>
            <Text inline testId={`action-title-${key}`}>
              {item.title}
            </Text>
            <Text inline variant="microcopy" testId={`action-meta-${key}`}>
              {metaLine(item, scope)}
            </Text>
          </Flex>
        );
      })}
    </Flex>
  );
}
