import { DateInput, type DateInputEventsPayload, Flex, Heading, Input } from '@hubspot/ui-extensions';
import type { CreateOrderFieldName } from '@switchboard/contract';
import { type FieldErrors, type FormValues, fromBaseDate, toBaseDate } from './orderForm.ts';

type TextField = Exclude<CreateOrderFieldName, 'orderDate'>;

const TEXT_FIELD: Record<TextField, { label: string; description?: string; placeholder?: string }> = {
  name: { label: 'Order name' },
  // Free text, not NumberInput: an amount must reach the service as the decimal the rep typed, never via a float.
  value: { label: 'Value', description: 'The order total, e.g. 1250.00', placeholder: '1250.00' },
  currency: { label: 'Currency', description: 'Three-letter code, e.g. EUR', placeholder: 'EUR' },
  customerName: { label: 'Customer name' },
  customerDomain: { label: 'Customer domain', placeholder: 'example.com' },
  customerPhone: { label: 'Customer phone' },
  customerAddress: { label: 'Customer address' },
};

export interface FieldHandlers {
  /** Each keystroke: keeps the value current so the Create click sends what is on screen. */
  onEdit: (field: CreateOrderFieldName, value: string) => void;
  /** The value was committed (blur): from now on the field is judged even before the first Create click. */
  onCommit: (field: CreateOrderFieldName, value: string) => void;
}

interface Props extends FieldHandlers {
  values: FormValues;
  errors: FieldErrors;
  disabled: boolean;
}

function Field({ field, values, errors, disabled, onEdit, onCommit }: Props & { field: TextField }) {
  const meta = TEXT_FIELD[field];
  const error = errors[field];
  return (
    <Input
      testId={`field-${field}`}
      name={field}
      label={meta.label}
      description={meta.description}
      placeholder={meta.placeholder}
      required={field === 'name'}
      readOnly={disabled}
      value={values[field]}
      onInput={(v) => onEdit(field, v)}
      onChange={(v) => onCommit(field, v)}
      error={error !== undefined}
      validationMessage={error}
    />
  );
}

/** The form's inputs, grouped as a rep reads an order: the order itself, then who it is for. */
export function OrderFormFields(props: Props) {
  const { values, errors, disabled, onCommit } = props;
  const dateError = errors.orderDate;
  return (
    <Flex direction="column" gap="sm">
      <Field {...props} field="name" />
      <DateInput
        testId="field-orderDate"
        name="orderDate"
        label="Order date"
        format="YYYY-MM-DD"
        readOnly={disabled}
        value={toBaseDate(values.orderDate) ?? undefined}
        // Cleared, the picker hands over null (its type says otherwise).
        onChange={(d: DateInputEventsPayload | null) => onCommit('orderDate', fromBaseDate(d))}
        error={dateError !== undefined}
        validationMessage={dateError}
      />
      <Flex direction="row" gap="sm" wrap>
        <Field {...props} field="value" />
        <Field {...props} field="currency" />
      </Flex>
      <Heading>Customer</Heading>
      <Field {...props} field="customerName" />
      <Field {...props} field="customerDomain" />
      <Field {...props} field="customerPhone" />
      <Field {...props} field="customerAddress" />
    </Flex>
  );
}
