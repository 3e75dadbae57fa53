import { Heading, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { OrderDetail } from '@switchboard/contract';
import { formatMoney, orNone } from './format.ts';
import type { OrdersScope } from './scope.ts';

interface Props {
  order: Pick<OrderDetail, 'lineItems' | 'currency'>;
  scope: OrdersScope;
}

/** The products on the order as copied from the deal's line items (prices in the order's currency). */
export function OrderLineItems({ order, scope }: Props) {
  if (order.lineItems.length === 0) {
    return (
      <Text testId="line-items-empty" variant="microcopy">
        No line items: the deal had no products when the order was created.
      </Text>
    );
  }
  return (
    <>
      <Heading>Line items</Heading>
      <Table testId="line-items" bordered density="condensed">
        <TableHead>
          <TableRow>
            <TableHeader>Product</TableHeader>
            <TableHeader>SKU</TableHeader>
            <TableHeader align="right">Quantity</TableHeader>
            <TableHeader align="right">Unit price</TableHeader>
            <TableHeader align="right">Amount</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {order.lineItems.map((item) => (
            <TableRow key={item.hubspotId} testId={`line-item-${item.hubspotId}`}>
              <TableCell>{orNone(item.name)}</TableCell>
              <TableCell>{orNone(item.sku)}</TableCell>
              <TableCell align="right">{orNone(item.quantity)}</TableCell>
              <TableCell align="right">{formatMoney(item.price, order.currency, scope)}</TableCell>
              <TableCell align="right">{formatMoney(item.amount, order.currency, scope)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
