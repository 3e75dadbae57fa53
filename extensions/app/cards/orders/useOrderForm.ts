import type { CreateOrderFieldName, CreateOrderPrefill } from '@switchboard/contract';
import { useState } from 'react';
import {
  type FieldErrors,
  fieldsOf,
  prefillIssues,
  type SortedErrors,
  validate,
  valuesFromPrefill,
} from './orderForm.ts';
import type { OrdersScope } from './scope.ts';

export interface OrderFormState {
  values: ReturnType<typeof valuesFromPrefill>;
  /** The request's `fields` for what is on screen now. */
  fields: ReturnType<typeof fieldsOf>;
  /** What the contract's schema says about `fields`, whether or not it is shown yet. */
  client: SortedErrors;
  /** What each input shows: the schema's message once the field is judged, else the service's. */
  errors: FieldErrors;
  /** Create was clicked at least once. */
  attempted: boolean;
  onEdit: (field: CreateOrderFieldName, value: string) => void;
  onCommit: (field: CreateOrderFieldName, value: string) => void;
  /** A Create click: from now on every field is judged. */
  markAttempted: () => void;
  /** The service refused the form: its messages stay on their fields until the rep edits them. */
  setServerErrors: (errors: FieldErrors) => void;
}

/** Mapped fields that came from the deal with a value are judged at once: a bad one is what the rep must review. */
const filledIn = (prefill: CreateOrderPrefill) =>
  new Set(Object.keys(prefill.fields).filter((f) => (prefill.fields[f] ?? '') !== ''));

/**
 * The form's values and which errors to show. A field empty at load is not judged while the rep is still typing
 * into it, only once it is committed (blur) or Create is clicked.
 */
export function useOrderForm(scope: OrdersScope, prefill: CreateOrderPrefill): OrderFormState {
  const [values, setValues] = useState(() => valuesFromPrefill(prefill));
  const [judged, setJudged] = useState(() => filledIn(prefill));
  const [attempted, setAttempted] = useState(false);
  // The service's word on a field (the prefill's mapping issues, then a refused create) until the rep edits it.
  const [serverErrors, setServerErrors] = useState<FieldErrors>(() => prefillIssues(prefill).fields);

  const fields = fieldsOf(values);
  const client = validate({ portalId: scope.portalId, dealId: scope.recordId, fields });
  const errors: FieldErrors = { ...serverErrors };
  for (const [f, message] of Object.entries(client.fields) as [CreateOrderFieldName, string][]) {
    if (attempted || judged.has(f)) errors[f] = message;
  }

  const onEdit = (field: CreateOrderFieldName, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setServerErrors(({ [field]: _judgedOldValue, ...rest }) => rest);
  };
  const onCommit = (field: CreateOrderFieldName, value: string) => {
    onEdit(field, value);
    setJudged((prev) => new Set(prev).add(field));
  };

  return {
    values,
    fields,
    client,
    errors,
    attempted,
    onEdit,
    onCommit,
    markAttempted: () => setAttempted(true),
    setServerErrors,
  };
}
