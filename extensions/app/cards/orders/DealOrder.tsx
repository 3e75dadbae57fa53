import { Alert, Button, Flex, LoadingSpinner } from '@hubspot/ui-extensions';
import { type CreateOrderResponse, DealOrderResponse, ORDERS_DEAL_CARD_PATH } from '@switchboard/contract';
import { useState } from 'react';
import { callService } from '../lib/serviceClient.ts';
import { useServiceData } from '../lib/useServiceData.ts';
import { CreateOrderForm } from './CreateOrderForm.tsx';
import { OrderDetails } from './OrderDetails.tsx';
import type { OrdersScope } from './scope.ts';
import { LoadFailed } from '../lib/LoadFailed.tsx';

interface Props {
  scope: OrdersScope;
  /** The record page re-reads the deal's properties: the service wrote the order number and status onto it. */
  refreshDeal: () => void;
}

/** On a deal: its order, or the pre-filled *Create order* form when it has none. */
export function DealOrder({ scope, refreshDeal }: Props) {
  const { portalId, recordId: dealId } = scope;
  const { state, reload } = useServiceData(
    () => callService({ path: ORDERS_DEAL_CARD_PATH, query: { portalId, dealId }, schema: DealOrderResponse }),
    `${portalId}/${dealId}`,
  );
  // The create endpoint answers with the order, so the card shows it without loading the deal view again.
  const [created, setCreated] = useState<CreateOrderResponse | null>(null);

  const onCreated = (response: CreateOrderResponse) => {
    setCreated(response);
    if (response.order.syncedToDeal) refreshDeal();
  };
  const refresh = () => {
    setCreated(null);
    reload();
  };

  if (created !== null) return <CreatedOrder response={created} scope={scope} onRefresh={refresh} />;
  if (state.status === 'loading') return <LoadingSpinner label="Loading the order for this deal" />;
  if (state.status === 'error') {
    return <LoadFailed title="Could not load the order for this deal" message={state.message} onRetry={refresh} />;
  }
  if (state.data.state === 'none') {
    return <CreateOrderForm key={dealId} scope={scope} prefill={state.data.prefill} onCreated={onCreated} />;
  }
  return (
    <Flex direction="column" gap="md">
      <OrderDetails order={state.data.order} scope={scope} />
      <RefreshButton onRefresh={refresh} />
    </Flex>
  );
}

function CreatedOrder({
  response,
  scope,
  onRefresh,
}: {
  response: CreateOrderResponse;
  scope: OrdersScope;
  onRefresh: () => void;
}) {
  const { order } = response;
  return (
    <Flex direction="column" gap="md">
      {response.created ? (
        <Alert testId="order-created" variant="success" title="Order created">
          {`Order ${order.number} was created from this deal.`}
        </Alert>
      ) : (
        // The order is unique per deal: someone (or Closed Won) was faster. Show theirs rather than an error.
        <Alert testId="order-existed" variant="info" title="This deal already had an order">
          {`Order ${order.number} was created for this deal in the meantime; nothing new was created.`}
        </Alert>
      )}
      <OrderDetails order={order} scope={scope} />
      <RefreshButton onRefresh={onRefresh} />
    </Flex>
  );
}

/** The order system changes status and shipping while the record is open; a rep can ask for the latest. */
function RefreshButton({ onRefresh }: { onRefresh: () => void }) {
  return (
    <Button testId="refresh" variant="secondary" size="sm" onClick={onRefresh}>
      Refresh
    </Button>
  );
}
