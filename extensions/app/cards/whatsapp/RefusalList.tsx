import { Alert, Flex, Text } from '@hubspot/ui-extensions';
import type { Refusal } from '@switchboard/contract';

/** The service's reasons a send is not allowed, in its own words (the same ones the workflow action reports). */
export function RefusalList({
  title,
  refusals,
  testId,
}: {
  title: string;
  refusals: readonly Refusal[];
  testId: string;
}) {
  return (
    <Alert testId={testId} variant="warning" title={title}>
      <Flex direction="column" gap="xs">
        {refusals.map((r) => (
          <Text key={`${r.code}:${r.message}`} testId={`${testId}-${r.code}`}>
            {r.message}
          </Text>
        ))}
      </Flex>
    </Alert>
  );
}
