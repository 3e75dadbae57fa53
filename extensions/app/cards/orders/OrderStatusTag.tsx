import { StatusTag } from '@hubspot/ui-extensions';

type Variant = 'default' | 'info' | 'success' | 'danger';

/**
 * Colours for the default lifecycle (new → in production → shipped → completed, or cancelled). A portal can
 * configure its own statuses, so anything else is shown as "in progress" rather than refused.
 */
const VARIANT: Record<string, Variant> = {
  new: 'default',
  completed: 'success',
  cancelled: 'danger',
};

/** `in_production` → "In production": statuses are stored as identifiers, reps read words. */
export function statusLabel(status: string): string {
  const words = status.replace(/_/g, ' ').trim();
  return words === '' ? status : words.charAt(0).toUpperCase() + words.slice(1);
}

export function OrderStatusTag({ status, testId }: { status: string; testId?: string }) {
  return (
    <StatusTag testId={testId} variant={VARIANT[status] ?? 'info'}>
      {statusLabel(status)}
    </StatusTag>
  );
}
