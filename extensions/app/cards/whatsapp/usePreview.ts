import { useDebounce } from '@hubspot/ui-extensions';
import { PreviewResponse, type TemplateOption, WHATSAPP_PREVIEW_PATH } from '@switchboard/contract';
import { callService } from '../lib/serviceClient.ts';
import { type FetchState, useServiceData } from '../lib/useServiceData.ts';
import type { CardScope } from './scope.ts';

/** Keyboard users arrow through the Select; wait until they stop before asking the service to fill a template. */
export const PREVIEW_DEBOUNCE_MS = 300;

export type PreviewState = { status: 'idle' } | FetchState<PreviewResponse>;

/** Select value for a template: name and language together, since one name exists in several languages. */
export const templateKey = (t: TemplateOption): string => `${t.name}|${t.language}`;

/**
 * The filled text and refusals for the selected template, fetched once the selection settles. `revision` bumps
 * when something the eligibility depends on changed (consent recorded), so the same template is asked again.
 */
export function usePreview(
  scope: CardScope,
  templates: readonly TemplateOption[],
  selectedKey: string,
  revision: number,
): { preview: PreviewState; retry: () => void } {
  const settledKey = useDebounce(selectedKey, PREVIEW_DEBOUNCE_MS);
  const requestKey = `${settledKey}#${revision}`;
  const template = templates.find((t) => templateKey(t) === settledKey);
  const { state, reload } = useServiceData(async () => {
    if (!template) return null;
    const body = {
      portalId: scope.portalId,
      contactId: scope.contactId,
      templateName: template.name,
      language: template.language,
    };
    const preview = await callService({ path: WHATSAPP_PREVIEW_PATH, method: 'POST', body, schema: PreviewResponse });
    return { requestKey, preview };
  }, requestKey);

  if (!selectedKey) return { preview: { status: 'idle' }, retry: reload };
  if (settledKey !== selectedKey) return { preview: { status: 'loading' }, retry: reload };
  if (state.status === 'error') return { preview: state, retry: reload };
  // Until the answer for exactly this selection arrives, show loading, never the previous template's preview
  // (whose refusals and Send button would belong to another template).
  if (state.status !== 'ready' || state.data?.requestKey !== requestKey) {
    return { preview: { status: 'loading' }, retry: reload };
  }
  return { preview: { status: 'ready', data: state.data.preview }, retry: reload };
}
