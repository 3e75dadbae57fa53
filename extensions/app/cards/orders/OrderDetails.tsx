import { Alert, DescriptionList, DescriptionListItem, Divider, Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { OrderDetail } from '@switchboard/contract';
import { formatDay, formatMoney, formatTime, NONE, orNone } from './format.ts';
import { OrderHistory } from './OrderHistory.tsx';
import { OrderLineItems } from './OrderLineItems.tsx';
import { OrderStatusTag } from './OrderStatusTag.tsx';
import type { OrdersScope } from './scope.ts';

const SOURCE: Record<OrderDetail['source'], string> = {
  automatic: 'Automatically, when the deal closed won',
  manual: 'By a rep, from this card',
};

/** Things a rep should know before trusting what the card shows: the deal lags behind, or fields disagree. */
function SyncNotices({ order }: { order: OrderDetail }) {
  return (
    <>
      {!order.syncedToDeal && (
        <Alert testId="not-synced" variant="info" title="The deal does not show this order yet">
          Switchboard is still writing the order number and status to the deal and retries on its own.
        </Alert>
      )}
      {order.openConflicts > 0 && (
        <Alert testId="open-conflicts" variant="warning" title="The deal and the order disagree">
          {`${order.openConflicts} field${order.openConflicts === 1 ? '' : 's'} differ between the deal and the order and wait for an admin to choose a value in the Switchboard settings.`}
        </Alert>
      )}
    </>
  );
}

function Shipping({ order, scope }: { order: OrderDetail; scope: OrdersScope }) {
  const { carrier, trackingNumber, shippedAt } = order.shipping;
  if (carrier === null && trackingNumber === null && shippedAt === null) {
    return <Text testId="shipping-none">Not shipped yet.</Text>;
  }
  return (
    <DescriptionList direction="row">
      <DescriptionListItem label="Carrier">
        <Text testId="shipping-carrier">{orNone(carrier)}</Text>
      </DescriptionListItem>
      <DescriptionListItem label="Tracking number">
        <Text testId="shipping-tracking">{orNone(trackingNumber)}</Text>
      </DescriptionListItem>
      <DescriptionListItem label="Shipped">
        <Text testId="shipping-at">{formatTime(shippedAt, scope)}</Text>
      </DescriptionListItem>
    </DescriptionList>
  );
}

function Customer({ order }: { order: OrderDetail }) {
  const c = order.customer;
  const contacts = order.contacts.map((p) => p.name ?? p.email).filter((n): n is string => n !== null);
  return (
    <DescriptionList direction="row">
      <DescriptionListItem label="Customer">
        <Text testId="customer-name">{orNone(c.name)}</Text>
      </DescriptionListItem>
      <DescriptionListItem label="Domain">
        <Text testId="customer-domain">{orNone(c.domain)}</Text>
      </DescriptionListItem>
      <DescriptionListItem label="Phone">
        <Text>{orNone(c.phone)}</Text>
      </DescriptionListItem>
      <DescriptionListItem label="Address">
        <Text>{orNone(c.address)}</Text>
      </DescriptionListItem>
      <DescriptionListItem label="Contacts">
        <Text testId="customer-contacts">{contacts.length > 0 ? contacts.join(', ') : NONE}</Text>
      </DescriptionListItem>
    </DescriptionList>
  );
}

/** The deal's order: what was ordered, for whom, where it is (status, shipping) and how it got there. */
export function OrderDetails({ order, scope }: { order: OrderDetail; scope: OrdersScope }) {
  return (
    <Flex direction="column" gap="md">
      <Flex direction="row" gap="sm" align="center" wrap>
        <Heading testId="order-number">{`Order ${order.number}`}</Heading>
        <OrderStatusTag testId="order-status" status={order.status} />
      </Flex>
      <SyncNotices order={order} />
      <DescriptionList direction="row">
        <DescriptionListItem label="Name">
          <Text testId="order-name">{order.name}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Value">
          <Text testId="order-value">{formatMoney(order.value, order.currency, scope)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Order date">
          <Text testId="order-date">{formatDay(order.orderDate, scope)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Created">
          <Text testId="order-source">{SOURCE[order.source]}</Text>
        </DescriptionListItem>
        {order.completedAt !== null && (
          <DescriptionListItem label="Completed">
            <Text testId="order-completed">{formatTime(order.completedAt, scope)}</Text>
          </DescriptionListItem>
        )}
      </DescriptionList>
      <Customer order={order} />
      <Divider />
      <Heading>Shipping</Heading>
      <Shipping order={order} scope={scope} />
      <Divider />
      <OrderLineItems order={order} scope={scope} />
      <Divider />
      <OrderHistory history={order.history} scope={scope} />
    </Flex>
  );
}
