import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/notes/index.js';
import type { HubspotCall } from '../hubspot/hubspotCall.ts';
import type { AppEventTemplate } from './appEventCatalog.ts';
import { renderTemplate } from './renderTemplate.ts';

/** Note → record association type ids, HUBSPOT_DEFINED (reference/hubspot-api.md §4.2). */
const NOTE_TO: Record<AppEventTemplate['objectType'], number> = { CONTACT: 202, COMPANY: 190, DEAL: 214, TICKET: 228 };

export interface NoteOccurrence {
  portalId: number;
  template: AppEventTemplate;
  objectId: string;
  /** Stable reference printed in the note, so a retry after a crash can find the note it already created. */
  reference: string;
  properties: Record<string, string>;
  timestamp: string;
}

export function noteBody(o: NoteOccurrence): string {
  const header = renderTemplate(o.template.headerTemplate, o.properties);
  const detail = renderTemplate(o.template.detailTemplate, o.properties);
  return `<p><strong>${header}</strong></p>${detail ? `<p>${detail}</p>` : ''}<p>Switchboard · ${o.reference}</p>`;
}

/** Creates the note on the record. Not idempotent by itself: callers record intent first (see postTimelineEvent). */
export async function createNote(hubspot: HubspotCall, o: NoteOccurrence): Promise<string> {
  const created = await hubspot(o.portalId, { feature: 'timeline', idempotent: false }, (client) =>
    client.crm.objects.notes.basicApi.create({
      properties: { hs_timestamp: o.timestamp, hs_note_body: noteBody(o) },
      associations: [
        {
          to: { id: o.objectId },
          types: [
            {
              associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined,
              associationTypeId: NOTE_TO[o.template.objectType],
            },
          ],
        },
      ],
    }),
  );
  return created.id;
}

/** Finds a note an earlier, interrupted attempt created (search is eventually consistent: a best effort). */
export async function findNote(hubspot: HubspotCall, o: NoteOccurrence): Promise<string | undefined> {
  const found = await hubspot(o.portalId, { feature: 'timeline', kind: 'search' }, (client) =>
    client.crm.objects.notes.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'hs_note_body', operator: 'CONTAINS_TOKEN' as never, value: o.reference }] },
      ],
      properties: ['hs_note_body'],
      limit: 1,
    }),
  );
  return found.results[0]?.id;
}
