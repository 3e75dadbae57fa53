import { Flex, Heading, Text, Tile } from '@hubspot/ui-extensions';
import type { OrderDetail } from '@switchboard/contract';
import { formatTime } from './format.ts';
import { OrderStatusTag, statusLabel } from './OrderStatusTag.tsx';
import type { OrdersScope } from './scope.ts';

type Entry = OrderDetail['history'][number];

/**
 * Actors are recorded as `kind:detail` (`system:webhook`, `user:<HubSpot user id>`, `api:order-system`). A user id
 * is not a name and a card cannot look it up cheaply, so the kind is what a rep is shown.
 */
const ACTOR: Record<string, string> = { system: 'Switchboard', user: 'a HubSpot user', api: 'the order system' };

const actorLabel = (actor: string): string => ACTOR[actor.split(':')[0] ?? ''] ?? actor;

/** Newest first, whatever order the service sent: the latest change is what a rep looks for. */
export function newestFirst(history: readonly Entry[]): Entry[] {
  return [...history].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** Every status change of the order with who made it and when. */
export function OrderHistory({ history, scope }: { history: readonly Entry[]; scope: OrdersScope }) {
  if (history.length === 0) return null;
  return (
    <Flex direction="column" gap="xs">
      <Heading>Status history</Heading>
      {newestFirst(history).map((h, i) => (
        <Tile compact key={`${h.at}|${h.fromStatus}|${h.toStatus}|${h.actor}`} testId={`history-${i}`}>
          <Flex direction="row" gap="sm" align="center" wrap>
            <OrderStatusTag status={h.toStatus} />
            <Text inline testId={`history-change-${i}`}>
              {h.fromStatus === null ? 'Order created' : `Changed from ${statusLabel(h.fromStatus)}`}
            </Text>
            <Text inline variant="microcopy" testId={`history-meta-${i}`}>
              {`${formatTime(h.at, scope)} by ${actorLabel(h.actor)}`}
            </Text>
          </Flex>
        </Tile>
      ))}
    </Flex>
  );
}
