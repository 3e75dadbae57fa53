import { Accordion, Flex, List, Text } from '@hubspot/ui-extensions';

function Points({ title, points, testId }: { title: string; points: readonly string[]; testId: string }) {
  if (points.length === 0) return null;
  return (
    <Flex direction="column" gap="xs">
      <Text format={{ fontWeight: 'demibold' }}>{title}</Text>
      <List variant="unordered-styled">
        {points.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed for the session's life, and a summary may repeat a line
          <Text key={i} testId={`${testId}-${i}`}>
            {p}
          </Text>
        ))}
      </List>
    </Flex>
  );
}

interface Props {
  sessionId: string;
  keyPoints: readonly string[];
  nextSteps: readonly string[];
}

/** Key points and next steps, folded away: the brief is what a rep scans; these are for whoever needs the detail. */
export function SummaryNotes({ sessionId, keyPoints, nextSteps }: Props) {
  if (keyPoints.length === 0 && nextSteps.length === 0) return null;
  return (
    <Accordion testId={`session-notes-${sessionId}`} title="Key points and next steps" size="xs">
      <Flex direction="column" gap="sm">
        <Points title="Key points" points={keyPoints} testId={`key-point-${sessionId}`} />
        <Points title="Next steps" points={nextSteps} testId={`next-step-${sessionId}`} />
      </Flex>
    </Accordion>
  );
}
