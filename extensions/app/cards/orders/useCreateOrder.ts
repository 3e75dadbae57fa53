import { CREATE_ORDER_PATH, type CreateOrderFieldName, CreateOrderResponse } from '@switchboard/contract';
import { useRef, useState } from 'react';
import { callService, ServiceError } from '../lib/serviceClient.ts';
// A generic helper that lives with the first card that needed it; see its comment for why it is not randomUUID.
import { newRequestId } from '../lib/requestId.ts';
import { type SortedErrors, serverFieldErrors, sortErrors } from './orderForm.ts';
import type { OrdersScope } from './scope.ts';

export type CreateOutcome =
  | { kind: 'created'; response: CreateOrderResponse }
  /** The service refused the form: per-field messages, plus what belongs to no field. */
  | { kind: 'rejected'; errors: SortedErrors }
  | { kind: 'failed'; message: string }
  /** A click while the previous one is still on its way: nothing was sent. */
  | { kind: 'busy' };

export interface CreateControl {
  submitting: boolean;
  create: (fields: Record<CreateOrderFieldName, string | null>) => Promise<CreateOutcome>;
}

function outcomeOf(err: unknown): CreateOutcome {
  if (err instanceof ServiceError && err.code === 'validation') {
    const fields = serverFieldErrors(err.details);
    if (fields) return { kind: 'rejected', errors: sortErrors(fields) };
  }
  return { kind: 'failed', message: (err as Error).message };
}

/** One *Create order* request at a time for this deal, each click with its own requestId. */
export function useCreateOrder(scope: OrdersScope): CreateControl {
  // A ref as well as state: a double click can arrive before React re-renders the button as disabled.
  const inFlight = useRef(false);
  const [submitting, setSubmitting] = useState(false);

  const create = async (fields: Record<CreateOrderFieldName, string | null>): Promise<CreateOutcome> => {
    if (inFlight.current) return { kind: 'busy' };
    inFlight.current = true;
    setSubmitting(true);
    const body = { portalId: scope.portalId, dealId: scope.recordId, fields, requestId: newRequestId() };
    try {
      const response = await callService({
        path: CREATE_ORDER_PATH,
        method: 'POST',
        body,
        schema: CreateOrderResponse,
      });
      return { kind: 'created', response };
    } catch (err) {
      return outcomeOf(err);
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  return { submitting, create };
}
