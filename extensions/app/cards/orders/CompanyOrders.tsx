import {
  Button,
  EmptyState,
  Flex,
  LoadingSpinner,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import { CrmActionLink } from '@hubspot/ui-extensions/crm';
import type { OrderSummary } from '@switchboard/contract';
import { formatDay, formatMoney } from './format.ts';
import { OrderStatusTag } from './OrderStatusTag.tsx';
import { DEAL_TYPE_ID, type OrdersScope } from './scope.ts';
import { type CompanyOrdersPages, useCompanyOrders } from './useCompanyOrders.ts';
import { LoadFailed } from '../lib/LoadFailed.tsx';

function OrderRow({ order, scope }: { order: OrderSummary; scope: OrdersScope }) {
  return (
    <TableRow testId={`order-${order.id}`}>
      <TableCell>{order.number}</TableCell>
      <TableCell>
        {/* Opens the deal in the preview panel, so the rep stays on the company. */}
        <CrmActionLink
          testId={`order-deal-${order.id}`}
          actionType="PREVIEW_OBJECT"
          actionContext={{ objectTypeId: DEAL_TYPE_ID, objectId: Number(order.dealId) }}
        >
          {order.name}
        </CrmActionLink>
      </TableCell>
      <TableCell>
        <OrderStatusTag testId={`order-status-${order.id}`} status={order.status} />
      </TableCell>
      <TableCell align="right">{formatMoney(order.value, order.currency, scope)}</TableCell>
      <TableCell>{formatDay(order.orderDate, scope)}</TableCell>
    </TableRow>
  );
}

function Pager({ pages }: { pages: CompanyOrdersPages }) {
  if (!pages.hasNewer && !pages.hasOlder) return null;
  return (
    <Flex direction="row" gap="sm" align="center">
      <Button testId="newer-orders" size="sm" disabled={!pages.hasNewer} onClick={pages.newer}>
        Newer
      </Button>
      <Text testId="orders-page" inline>{`Page ${pages.page}`}</Text>
      <Button testId="older-orders" size="sm" disabled={!pages.hasOlder} onClick={pages.older}>
        Older
      </Button>
    </Flex>
  );
}

/** On a company: its orders, newest first, with the deal each came from. */
export function CompanyOrders({ scope }: { scope: OrdersScope }) {
  const pages = useCompanyOrders(scope);
  const { state } = pages;

  if (state.status === 'loading') return <LoadingSpinner label="Loading this company's orders" />;
  if (state.status === 'error') {
    return <LoadFailed title="Could not load this company's orders" message={state.message} onRetry={pages.reload} />;
  }
  if (state.data.orders.length === 0 && pages.page === 1) {
    return (
      <EmptyState testId="no-orders" title="No orders for this company yet" layout="vertical">
        <Text>
          An order appears here when a deal with this company as its customer closes won, or when a rep creates one from
          the deal's Order tab.
        </Text>
      </EmptyState>
    );
  }
  return (
    <Flex direction="column" gap="sm">
      <Table testId="company-orders" bordered>
        <TableHead>
          <TableRow>
            <TableHeader>Order</TableHeader>
            <TableHeader>Deal</TableHeader>
            <TableHeader>Status</TableHeader>
            <TableHeader align="right">Value</TableHeader>
            <TableHeader>Order date</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {state.data.orders.map((o) => (
            <OrderRow key={o.id} order={o} scope={scope} />
          ))}
        </TableBody>
      </Table>
      <Pager pages={pages} />
    </Flex>
  );
}
