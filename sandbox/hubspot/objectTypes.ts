/** Resolves a CRM object-type URL segment (plural, singular or objectTypeId) to the canonical plural name. */
const TYPES: { plural: string; singular: string; id: string }[] = [
  { plural: 'contacts', singular: 'contact', id: '0-1' },
  { plural: 'companies', singular: 'company', id: '0-2' },
  { plural: 'deals', singular: 'deal', id: '0-3' },
  { plural: 'tickets', singular: 'ticket', id: '0-5' },
  { plural: 'products', singular: 'product', id: '0-7' },
  { plural: 'line_items', singular: 'line_item', id: '0-8' },
  { plural: 'communications', singular: 'communication', id: '0-18' },
  { plural: 'tasks', singular: 'task', id: '0-27' },
  { plural: 'notes', singular: 'note', id: '0-46' },
  { plural: 'meetings', singular: 'meeting', id: '0-47' },
];

export function canonicalObjectType(segment: string): string | undefined {
  const s = segment.toLowerCase();
  return TYPES.find((t) => t.plural === s || t.singular === s || t.id === s)?.plural;
}
