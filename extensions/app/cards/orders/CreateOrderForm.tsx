import { Alert, Button, Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { CreateOrderPrefill, CreateOrderResponse } from '@switchboard/contract';
import { useState } from 'react';
import { prefillIssues, type SortedErrors } from './orderForm.ts';
import { OrderFormFields } from './OrderFormFields.tsx';
import type { OrdersScope } from './scope.ts';
import { useCreateOrder } from './useCreateOrder.ts';
import { useOrderForm } from './useOrderForm.ts';

/** Why the last Create click did not create an order, for the Alert under the button. */
type Failure = { kind: 'rejected'; marked: boolean; other: string[] } | { kind: 'failed'; message: string };

interface Props {
  scope: OrdersScope;
  prefill: CreateOrderPrefill;
  onCreated: (response: CreateOrderResponse) => void;
}

/** The *Create order* form: the deal's mapped values to review and edit, the contract's checks, the service's. */
export function CreateOrderForm({ scope, prefill, onCreated }: Props) {
  const form = useOrderForm(scope, prefill);
  const [failure, setFailure] = useState<Failure | null>(null);
  const { submitting, create } = useCreateOrder(scope);
  const mappingNotes = prefillIssues(prefill).other;

  const onCreate = async () => {
    form.markAttempted();
    if (submitting || hasErrors(form.client)) return;
    setFailure(null);
    const outcome = await create(form.fields);
    if (outcome.kind === 'created') onCreated(outcome.response);
    else if (outcome.kind === 'rejected') {
      form.setServerErrors(outcome.errors.fields);
      const marked = Object.keys(outcome.errors.fields).length > 0;
      setFailure({ kind: 'rejected', marked, other: outcome.errors.other });
    } else if (outcome.kind === 'failed') setFailure(outcome);
  };

  return (
    <Flex direction="column" gap="md">
      <Heading>Create order</Heading>
      <Text>
        No order is linked to this deal yet. The values below come from the deal: review them, correct what is wrong,
        then create the order.
      </Text>
      {mappingNotes.length > 0 && (
        <Notes testId="mapping-notes" title="Not everything came from the deal" notes={mappingNotes} />
      )}
      <OrderFormFields
        values={form.values}
        errors={form.errors}
        disabled={submitting}
        onEdit={form.onEdit}
        onCommit={form.onCommit}
      />
      <Button testId="create-order" variant="primary" disabled={submitting} onClick={onCreate}>
        {submitting ? 'Creating…' : 'Create order'}
      </Button>
      {form.attempted && !submitting && hasErrors(form.client) && (
        <Text testId="form-invalid" variant="microcopy">
          {['Fix the marked fields to create the order.', ...form.client.other].join(' ')}
        </Text>
      )}
      {failure !== null && <FailureAlert failure={failure} />}
    </Flex>
  );
}

const hasErrors = (e: SortedErrors) => Object.keys(e.fields).length > 0 || e.other.length > 0;

function Notes({ testId, title, notes }: { testId: string; title: string; notes: readonly string[] }) {
  return (
    <Alert testId={testId} variant="warning" title={title}>
      <Flex direction="column" gap="xs">
        {notes.map((n) => (
          <Text key={n}>{n}</Text>
        ))}
      </Flex>
    </Alert>
  );
}

const MARKED = 'Switchboard refused some values: fix the marked fields, then create the order again.';

function FailureAlert({ failure }: { failure: Failure }) {
  const lines = failure.kind === 'failed' ? [failure.message] : [...(failure.marked ? [MARKED] : []), ...failure.other];
  return (
    <Alert testId="create-error" variant="error" title="Order not created">
      <Flex direction="column" gap="xs">
        {lines.map((line) => (
          <Text key={line}>{line}</Text>
        ))}
      </Flex>
    </Alert>
  );
}
