import { Alert, Button, Flex, LoadingSpinner, Text, Tile } from '@hubspot/ui-extensions';
import { RefusalList } from './RefusalList.tsx';
import type { PreviewState } from './usePreview.ts';

/** The message exactly as the contact would get it, or why it cannot be sent; nothing until a template is chosen. */
export function TemplatePreview({ preview, onRetry }: { preview: PreviewState; onRetry: () => void }) {
  switch (preview.status) {
    case 'idle':
      return null;
    case 'loading':
      return <LoadingSpinner label="Filling in the template for this contact" showLabel size="sm" />;
    case 'error':
      return (
        <Alert testId="preview-error" variant="error" title="Preview unavailable">
          <Flex direction="column" gap="xs">
            <Text testId="preview-error-message">{preview.message}</Text>
            <Button testId="preview-retry" size="xs" onClick={onRetry}>
              Try again
            </Button>
          </Flex>
        </Alert>
      );
    case 'ready':
      return (
        <Flex direction="column" gap="sm">
          <Tile compact>
            <Flex direction="column" gap="xs">
              <Text variant="microcopy">Preview</Text>
              <Text testId="template-preview">{preview.data.text}</Text>
            </Flex>
          </Tile>
          {preview.data.refusals.length > 0 && (
            <RefusalList
              testId="template-refusals"
              title="This template cannot be sent to this contact now"
              refusals={preview.data.refusals}
            />
          )}
        </Flex>
      );
  }
}
