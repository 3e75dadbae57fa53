import { Button, ErrorState, Text } from '@hubspot/ui-extensions';

/** What every card shows when its data could not be loaded: what failed, why, and a way to try again. */
export function LoadFailed(props: { title: string; message: string; onRetry: () => void; testId?: string }) {
  return (
    <ErrorState title={props.title}>
      <Text testId={props.testId ?? 'card-error'}>{props.message}</Text>
      <Button testId="retry" onClick={props.onRetry}>
        Try again
      </Button>
    </ErrorState>
  );
}
